// Package sheet writes styled Excel workbooks: named styles made once, sheets of typed cells
// whose text never becomes a formula, a frozen and filtered header, bounded column widths and
// print setup.
package sheet
