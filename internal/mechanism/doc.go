// Package mechanism holds what each UN mechanism asks of a written submission, each rule with
// its source, and checks a report against it; it also times the oral statement.
package mechanism
