// Package cli is the shadowreport command tree: one file per command and the map from errors to exit codes.
package cli
