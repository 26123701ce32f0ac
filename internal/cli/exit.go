package cli

import (
	"errors"
	"fmt"

	"github.com/shadowreport/shadowreport/internal/fault"
	"github.com/shadowreport/shadowreport/internal/publish"
)

// The exit statuses: what each means is in exitStatus, printed at the end of every command's help.
const (
	exitOK       = 0
	exitInternal = 1
	exitUsage    = 2
	exitInvalid  = 3
	exitRefused  = 4
	exitLocked   = 5
)

// exitError carries an exit code. A silent one has already told the user what went wrong.
type exitError struct {
	code   int
	err    error
	silent bool
	// topic is the guide that explains the problem (docs.Topic): the message ends with it.
	topic string
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageErrorf is a command line that cannot work: its message is followed by a pointer to --help.
func usageErrorf(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// invalidf is input that cannot be used (workbook, codebook, template or settings).
func invalidf(format string, args ...any) error {
	return &exitError{code: exitInvalid, err: fmt.Errorf(format, args...)}
}

// withTopic sets the guide that ends the message of err, an exitError.
func withTopic(err error, topic string) error {
	var ee *exitError
	if errors.As(err, &ee) && topic != "" {
		ee.topic = topic
	}
	return err
}

// invalidReported is invalid input whose diagnostics were already printed.
var invalidReported = &exitError{code: exitInvalid, silent: true}

// internalError is a failure the user cannot fix: a bug.
type internalError struct{ err error }

func (e *internalError) Error() string {
	return "internal error (a bug in shadowreport; please report it with the command you ran): " + e.err.Error()
}

func (e *internalError) Unwrap() error { return e.err }

// exitCodes are the exit statuses of the kinds of failure the domain packages report.
var exitCodes = map[fault.Kind]int{
	fault.Usage:   exitUsage,
	fault.Input:   exitInvalid,
	fault.Refused: exitRefused,
	fault.Locked:  exitLocked,
}

// classify gives an error from a command's run its exit status, in one place:
//
//   - errors that carry one (usageErrorf, invalidf, …) keep it;
//   - a publication stopped by INT or TERM: 128 + the signal's number;
//   - an error of a domain package with a fault.Kind: the status of its kind (exitCodes), its
//     message ending with the guide it names;
//   - the errors of the file system (disk full, permission denied, a path through a file, a
//     read-only disk): exitInvalid, in the user's words;
//   - anything else is a bug: exitInternal.
func classify(err error) *exitError {
	var ee *exitError
	switch {
	case errors.As(err, &ee):
		return ee
	case errors.Is(err, publish.ErrInterrupted):
		// the signal handler has said so, and exits with the same status
		return &exitError{code: publish.InterruptStatus(), silent: true}
	}
	if code, ok := exitCodes[fault.KindOf(err)]; ok {
		return &exitError{code: code, err: err, topic: fault.TopicOf(err)}
	}
	if msg, ok := publish.Explain(err); ok {
		return &exitError{code: exitInvalid, err: errors.New(msg)}
	}
	return &exitError{code: exitInternal, err: &internalError{err}}
}
