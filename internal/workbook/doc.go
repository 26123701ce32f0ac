// Package workbook reads xlsx files as typed cells with their positions, streaming and within limits.
package workbook
