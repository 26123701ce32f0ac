//go:build !linux && !darwin

package publish

// exchange is not available: the publication switches with two renames (see switchIn).
func exchange(a, b string) error { return errNoExchange }
