package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// ChiSquareResult is the outcome of Pearson's chi-square test of independence.
type ChiSquareResult struct {
	// Stat is Pearson's X² statistic.
	Stat float64
	// P is the upper-tail probability of Stat under the chi-square
	// distribution with DF degrees of freedom.
	P float64
	// DF is (rows − 1)(columns − 1) after empty rows and columns are dropped.
	DF int
	// SmallExpected reports whether any expected count is below 5, the
	// condition of R's "Chi-squared approximation may be incorrect" warning.
	SmallExpected bool
}

// ChiSquare is Pearson's chi-square test of independence for an r x c table of counts
// (as R's chisq.test(correct=FALSE)). Rows or columns that are all zero are dropped first;
// if fewer than 2 rows or 2 columns remain, ok=false. SmallExpected reports whether any expected
// count is < 5 (R's "Chi-squared approximation may be incorrect" warning condition).
//
// X² = Σ (O − E)²/E with E = row total · column total / N (Agresti,
// Categorical Data Analysis, 2nd ed., §3.2.1). ok is also false for a ragged
// table or a negative count.
func ChiSquare(table [][]int) (ChiSquareResult, bool) {
	if len(table) == 0 {
		return ChiSquareResult{}, false
	}
	cols := len(table[0])
	rowSum := make([]float64, len(table))
	colSum := make([]float64, cols)
	for i, row := range table {
		if len(row) != cols {
			return ChiSquareResult{}, false
		}
		for j, v := range row {
			if v < 0 {
				return ChiSquareResult{}, false
			}
			rowSum[i] += float64(v)
			colSum[j] += float64(v)
		}
	}
	var rows, keptCols []int
	for i, s := range rowSum {
		if s > 0 {
			rows = append(rows, i)
		}
	}
	var total float64
	for j, s := range colSum {
		if s > 0 {
			keptCols = append(keptCols, j)
			total += s
		}
	}
	if len(rows) < 2 || len(keptCols) < 2 {
		return ChiSquareResult{}, false
	}
	var res ChiSquareResult
	for _, i := range rows {
		for _, j := range keptCols {
			e := rowSum[i] * colSum[j] / total
			if e < 5 {
				res.SmallExpected = true
			}
			dev := float64(table[i][j]) - e
			res.Stat += dev * dev / e
		}
	}
	res.DF = (len(rows) - 1) * (len(keptCols) - 1)
	res.P = distuv.ChiSquared{K: float64(res.DF)}.Survival(res.Stat)
	if math.IsNaN(res.Stat) || math.IsInf(res.Stat, 0) || math.IsNaN(res.P) {
		return ChiSquareResult{}, false
	}
	return res, true
}

// chiSquaredSurvival is the upper-tail probability of x under the chi-square distribution
// with df degrees of freedom (R's pchisq(x, df, lower.tail = FALSE)).
func chiSquaredSurvival(df int, x float64) float64 {
	return distuv.ChiSquared{K: float64(df)}.Survival(x)
}
