// Package pdftext finds paragraphs, numbers and table cells in the text of a PDF laid out by
// pdftotext -layout, whatever order an extractor would read the page's blocks in.
package pdftext
