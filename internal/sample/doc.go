// Package sample writes the synthetic sample project's workbooks: an invented codebook, an
// earlier wave known only from its published tables (2014) and 42 invented interviews (2017).
package sample
