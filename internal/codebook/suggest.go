package codebook

import (
	"strconv"
	"strings"
)

// SuggestValue returns the value of the code a researcher probably meant by typed: a range typed
// in other words ("30 to 39", "30~39", "2014 through 2016" for "30-39" or "2014-2016"), the one
// band holding a number typed alone ("34" for "30-39", "2015" for "2014-2016", "25" for
// "under 30"), or a value within a typo (Suggest).
func (c *Code) SuggestValue(typed string) (string, bool) {
	if v, ok := c.byNumbers(typed); ok {
		return v, true
	}
	return Suggest(typed, c.Values)
}

func (c *Code) byNumbers(typed string) (string, bool) {
	nums := numbersIn(typed)
	switch len(nums) {
	case 2:
		for _, v := range c.Values {
			if vn := numbersIn(v); len(vn) == 2 && vn[0] == nums[0] && vn[1] == nums[1] {
				return v, true
			}
		}
	case 1:
		n := nums[0]
		found, count := "", 0
		for _, v := range c.Values {
			if within(v, n) {
				found = v
				count++
			}
		}
		if count == 1 {
			return found, true
		}
	}
	return "", false
}

// within reports whether the value v is a band holding n: "30-39", "under 30", "40 and over".
func within(v string, n int) bool {
	vn := numbersIn(v)
	k := Key(v)
	switch len(vn) {
	case 2:
		return vn[0] <= n && n <= vn[1]
	case 1:
		m := vn[0]
		for _, w := range []string{"under", "below", "less than", "younger than", "before", "or earlier", "<", "미만", "이하", "이전"} {
			if strings.Contains(k, w) {
				return n < m || n == m && (w == "이하" || w == "or earlier")
			}
		}
		for _, w := range []string{"over", "above", "more than", "older than", "after", "and older", "or older", "or later", "and later", "or more", "+", ">", "이상", "초과", "이후"} {
			if strings.Contains(k, w) {
				strict := w == "more than" || w == "older than" || w == "after" || w == ">" || w == "초과"
				return n > m || n == m && !strict
			}
		}
	}
	return false
}

// numbersIn returns the whole numbers written in s, at most three (more is not a band).
func numbersIn(s string) []int {
	var out []int
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j-i > 9 || len(out) == 3 {
			return nil
		}
		n, _ := strconv.Atoi(s[i:j])
		out = append(out, n)
		i = j
	}
	return out
}
