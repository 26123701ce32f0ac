// Package compare computes the findings between two waves of a project — shares, intervals,
// exact tests, verdicts, trends and the composition of each wave — as spec §6 defines them.
package compare
