package stats

// Tolerance is the relative tolerance of every comparison of a p-value with its threshold:
// a p-value within one part in 10⁹ of the threshold counts as equal to it. p-values are sums
// of many floating-point terms and thresholds such as 1 − 0.95 are not exact in binary, so a
// p that is mathematically equal to the threshold may come out a few units of the last bit
// on either side; the tolerance makes such a p fail the test whatever those bits are.
const Tolerance = 1e-9

// Below reports whether p is below the threshold alpha by more than the tolerance:
// p < alpha·(1 − Tolerance). A p mathematically equal to alpha is never below it.
func Below(p, alpha float64) bool {
	return p < alpha*(1-Tolerance)
}
