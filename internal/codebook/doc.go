// Package codebook reads the coding scheme and normalises the values researchers type.
package codebook
