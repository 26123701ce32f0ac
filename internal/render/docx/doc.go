// Package docx renders a document model (a report or a handout) as a Word file: real
// headings, numbering, footnotes, tables and fields, byte-identical across runs.
package docx
