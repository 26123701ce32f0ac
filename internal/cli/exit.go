package cli

import (
	"errors"
	"fmt"
)

// The exit codes, as every command's help lists them (EXIT STATUS).
const (
	exitOK       = 0
	exitInternal = 1
	exitUsage    = 2
	exitInvalid  = 3
	exitRefused  = 4
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

// exitCode maps an error from a command's run to its exit status. Errors that carry no code
// are unexpected: exit 1.
func exitCode(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return exitInternal
}
