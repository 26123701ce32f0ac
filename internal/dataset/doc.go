// Package dataset reads waves — interview workbooks or published figures — into answers per code.
package dataset
