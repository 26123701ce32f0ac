package stats

import "testing"

var sinkP float64
var sinkI Interval

func BenchmarkFisherExactMillion(b *testing.B) {
	tables := []struct {
		name       string
		a, b, c, d int
	}{
		{"far", 300000, 200000, 250000, 250000},  // p underflows to 0
		{"near", 500100, 499900, 499800, 500200}, // p ≈ 0.67, both tails summed
		{"lopsided", 999990, 10, 999000, 1000},   // p ≈ 4e-281
		{"rare", 10, 999990, 25, 999975},         // p ≈ 0.017
	}
	for _, tb := range tables {
		b.Run(tb.name, func(b *testing.B) {
			for b.Loop() {
				sinkP, _ = FisherExact(tb.a, tb.b, tb.c, tb.d)
			}
		})
	}
}

func BenchmarkWilson(b *testing.B) {
	for b.Loop() {
		sinkI = Wilson(31, 50, 0.95)
	}
}

func BenchmarkNewcombe(b *testing.B) {
	for b.Loop() {
		sinkI = Newcombe(28, 40, 31, 50, 0.95)
	}
}
