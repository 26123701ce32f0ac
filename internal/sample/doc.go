// Package sample writes the synthetic sample project's workbooks: an invented codebook, an
// earlier wave known only from its published tables (2014), 42 invented interviews (2017), and
// invented claims of a State party and earlier recommendations.
package sample
