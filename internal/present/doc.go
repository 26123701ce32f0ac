// Package present words and lays out a comparison of waves for people: sentences, a terminal
// table, CSV and an Excel workbook. It computes no statistics.
package present
