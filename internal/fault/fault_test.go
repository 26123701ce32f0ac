package fault

import (
	"errors"
	"fmt"
	"testing"
)

type inputErr struct{}

func (inputErr) Error() string { return "bad cell" }
func (inputErr) Kind() Kind    { return Input }
func (inputErr) Topic() string { return "workbooks" }

type usageErr struct{}

func (usageErr) Error() string { return "bad flag" }
func (usageErr) Kind() Kind    { return Usage }

func TestKindAndTopic(t *testing.T) {
	wrapped := fmt.Errorf("interviews/2017.xlsx: %w", inputErr{})
	for _, c := range []struct {
		err   error
		kind  Kind
		topic string
	}{
		{nil, Bug, ""},
		{errors.New("index out of range"), Bug, ""},
		{inputErr{}, Input, "workbooks"},
		{wrapped, Input, "workbooks"},
		{fmt.Errorf("outer: %w", usageErr{}), Usage, ""},
	} {
		if got := KindOf(c.err); got != c.kind {
			t.Errorf("KindOf(%v) = %v, want %v", c.err, got, c.kind)
		}
		if got := TopicOf(c.err); got != c.topic {
			t.Errorf("TopicOf(%v) = %q, want %q", c.err, got, c.topic)
		}
	}
}
