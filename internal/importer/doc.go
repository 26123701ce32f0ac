// Package importer turns the exports of qualitative-analysis tools and of survey tools
// (KoboToolbox, ODK Central, Ona, Google Forms) into wave workbooks, and writes coding templates
// for new waves.
package importer
