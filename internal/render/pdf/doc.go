// Package pdf renders a document model (a report or a handout) as an A4 PDF: embedded font
// subsets, vector charts, footnotes, contents and outline, byte-identical across runs.
package pdf
