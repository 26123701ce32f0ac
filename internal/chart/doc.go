// Package chart draws the grouped bar charts of a report (one bar per wave, intervals as
// whiskers, "k of n" labels) with gonum/plot, for the PDF and Word renderers.
package chart
