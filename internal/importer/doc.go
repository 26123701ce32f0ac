// Package importer turns the exports of qualitative-analysis tools and KoboToolbox into wave
// workbooks, and writes coding templates for new waves.
package importer
