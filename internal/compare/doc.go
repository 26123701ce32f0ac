// Package compare computes the findings between two waves of a project — shares, intervals,
// exact tests, verdicts, trends and the composition of each wave — as docs/statistics.md defines them.
package compare
