// Package fault names the kinds of failure every command shares, so that a domain package says
// what went wrong in its own error type and the command line turns the kind into an exit status
// in one place. An error type opts in with a Kind method (and, for a guide that explains it, a
// Topic method); an error with neither is a bug.
package fault

import "errors"

// Kind is what a failure means for the person who ran the command.
type Kind int

const (
	// Bug is a failure the user cannot fix: anything that does not say otherwise.
	Bug Kind = iota
	// Usage is a command line that cannot work: a flag, a path, a password file.
	Usage
	// Input is input that cannot be used: a workbook, codebook, template, setting or export.
	Input
	// Refused is a publication refused by disclosure control.
	Refused
	// Locked is a publication folder another build is writing.
	Locked
)

// KindOf is the kind of the first error in err's chain that has a Kind method; Bug when none
// does (and for nil).
func KindOf(err error) Kind {
	var k interface{ Kind() Kind }
	if errors.As(err, &k) {
		return k.Kind()
	}
	return Bug
}

// TopicOf is the guide (a docs topic such as "import" or "disclosure") named by the first error
// in err's chain that has a Topic method returning one; "" when none does.
func TopicOf(err error) string {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if t, ok := e.(interface{ Topic() string }); ok && t.Topic() != "" {
			return t.Topic()
		}
	}
	return ""
}
