// Package stats implements the interval estimates and tests used to compare interview waves, each defined to agree with R to 1e-6.
package stats
