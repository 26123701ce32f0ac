// Package diag collects the errors and warnings of a run, each tied to a file and cell.
package diag
