// Package claims reads the State party's claims and the earlier recommendations of the codebook
// workbook, and sets them beside the comparison's findings.
package claims
