package report

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync/atomic"
	"text/template"
	"text/template/parse"
	"time"
)

// The bounds of a template's execution: a template is text a user wrote (or received), so it
// may not run for ever or fill the memory, whatever it says.
const (
	// maxRepetitions is how many times all the {{ range }} blocks of a template may repeat
	// together; a report of 200 codes repeats a few thousand times. An action costs up to
	// tens of microseconds: a hundred thousand of them take a few seconds.
	maxRepetitions = 100_000
	// maxCalls is how many times a template may call the templates it defines ({{ template }}):
	// a few dozen definitions each calling the next twice would otherwise make a million
	// million calls, without a loop and without a byte of output.
	maxCalls = 100_000
	// maxPlaced is how many times a template may place what an action builds (a table, a
	// chart, the quotes of a code, a section): each costs time and memory that its few bytes
	// of Markdown do not show. The report of 200 codes places a few hundred.
	maxPlaced = 4_000
	// maxOutput is the most Markdown a template may produce (the 60-page report: 0.3 MB).
	maxOutput = 16 << 20
	// maxPrinted is the longest text one printf may return.
	maxPrinted = 100_000
	// maxDuration is the longest a template may run.
	maxDuration = 20 * time.Second
)

// LimitError is a template that went beyond a bound of its execution.
type LimitError struct{ Msg string }

func (e *LimitError) Error() string { return e.Msg }

// budget tracks one execution against the bounds.
type budget struct {
	repetitions int
	calls       int
	deadline    time.Time
	expired     atomic.Bool
}

func newBudget() *budget { return &budget{deadline: time.Now().Add(maxDuration)} }

// check fails once the deadline has passed.
func (b *budget) check() error {
	if b.expired.Load() || time.Now().After(b.deadline) {
		b.expired.Store(true)
		return &LimitError{Msg: fmt.Sprintf("the template ran for more than %s: simplify its loops", maxDuration)}
	}
	return nil
}

// guard is called with the value of every {{ range }} before it repeats: it counts the
// repetitions and refuses a range over a number (a loop of a million million steps) or beyond
// the budget.
func (b *budget) guard(v any) (any, error) {
	if err := b.check(); err != nil {
		return nil, err
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Interface || rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return v, nil
		}
		rv = rv.Elem()
	}
	n := 0
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if rv.Int() > maxRepetitions {
			return nil, &LimitError{Msg: fmt.Sprintf("{{ range }} over %d would repeat the block %d times, more than the %d a template may", rv.Int(), rv.Int(), maxRepetitions)}
		}
		n = int(max(rv.Int(), 0))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if rv.Uint() > maxRepetitions {
			return nil, &LimitError{Msg: fmt.Sprintf("{{ range }} over %d would repeat the block more than the %d times a template may", rv.Uint(), maxRepetitions)}
		}
		n = int(rv.Uint())
	case reflect.Slice, reflect.Array, reflect.Map, reflect.String:
		n = rv.Len()
	case reflect.Chan, reflect.Func:
		return nil, &LimitError{Msg: "{{ range }} over a channel or a function is not allowed in a template"}
	}
	b.repetitions += n
	if b.repetitions > maxRepetitions {
		return nil, &LimitError{Msg: fmt.Sprintf("the template's {{ range }} blocks repeat more than %d times in all: simplify its loops", maxRepetitions)}
	}
	return v, nil
}

// call is called with the data of every {{ template }} before the template it names runs (see
// guardCalls): it counts the calls and checks the deadline. It returns the data (nil for a
// {{ template }} without data).
func (b *budget) call(data ...any) (any, error) {
	if err := b.check(); err != nil {
		return nil, err
	}
	if b.calls++; b.calls > maxCalls {
		return nil, &LimitError{Msg: fmt.Sprintf("the template calls its {{ define }}d templates more than %d times in all: simplify how they call one another", maxCalls)}
	}
	if len(data) == 1 {
		return data[0], nil
	}
	return nil, nil
}

// goSyntaxVerb is the first directive of a printf format that prints Go syntax rather than
// text ("%#v", "%#q", "%T", "%p"), or "". Such a text is not for a reader, and the scanner
// would refuse the backslashes of a Go-quoted string as a file path.
func goSyntaxVerb(format string) string {
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		j, sharp := i+1, false
		for ; j < len(format) && strings.IndexByte("+-# 0123456789.*[]", format[j]) >= 0; j++ {
			sharp = sharp || format[j] == '#'
		}
		if j == len(format) {
			return ""
		}
		if format[j] != '%' && (sharp || format[j] == 'T' || format[j] == 'p') {
			return format[i : j+1]
		}
		i = j
	}
	return ""
}

// printf is fmt.Sprintf with a bounded result.
func (b *budget) printf(format string, args ...any) (string, error) {
	if err := b.check(); err != nil {
		return "", err
	}
	if v := goSyntaxVerb(format); v != "" {
		return "", fmt.Errorf("%s prints Go syntax, not text for a reader: use %%v or %%s", v)
	}
	// a finding, a side or a theme prints as printing it gives (its sentence, k of n, title):
	// "%#v" or "%d" of the struct would print its fields, the withheld counts among them
	safe := make([]any, len(args))
	for i, a := range args {
		v, err := printable(a)
		if err != nil {
			return "", fmt.Errorf("printf prints texts, numbers and truth values, and lists of them, not %s (argument %d): print one of its fields, such as .KofN, .Label or .Title", err, i+1)
		}
		safe[i] = v
	}
	s := fmt.Sprintf(format, safe...)
	if len(s) > maxPrinted {
		return "", &LimitError{Msg: fmt.Sprintf("printf made a text of %d characters, more than the %d a template may print at once", len(s), maxPrinted)}
	}
	return s, nil
}

// guardRanges passes the value of every {{ range }} of every template of tm through the
// function guardName: the only way a template could loop without end is ranging over a
// number, and this is where it is stopped.
func guardRanges(tm *template.Template, guardName string) {
	for _, t := range tm.Templates() {
		if t.Tree == nil || t.Tree.Root == nil {
			continue
		}
		walk(t.Tree.Root, func(n parse.Node) {
			r, ok := n.(*parse.RangeNode)
			if !ok || r.Pipe == nil || len(r.Pipe.Cmds) == 0 {
				return
			}
			last := r.Pipe.Cmds[len(r.Pipe.Cmds)-1]
			cmd := last.Copy().(*parse.CommandNode)
			cmd.Args = []parse.Node{parse.NewIdentifier(guardName).SetTree(t.Tree).SetPos(last.Pos)}
			r.Pipe.Cmds = append(r.Pipe.Cmds, cmd)
		})
	}
}

// guardCalls passes the data of every {{ template }} of every template of tm through the
// function callName, which counts the calls: templates that call one another can make a number
// of calls that grows exponentially with their number, with no {{ range }} to stop them.
func guardCalls(tm *template.Template, callName string) {
	for _, t := range tm.Templates() {
		if t.Tree == nil || t.Tree.Root == nil {
			continue
		}
		walk(t.Tree.Root, func(n parse.Node) {
			c, ok := n.(*parse.TemplateNode)
			if !ok {
				return
			}
			cmd := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: c.Pos,
				Args: []parse.Node{parse.NewIdentifier(callName).SetTree(t.Tree).SetPos(c.Pos)}}
			if c.Pipe == nil {
				c.Pipe = &parse.PipeNode{NodeType: parse.NodePipe, Pos: c.Pos, Line: c.Line}
			}
			c.Pipe.Cmds = append(c.Pipe.Cmds, cmd)
		})
	}
}

// walk visits every node under n.
func walk(n parse.Node, f func(parse.Node)) {
	if n == nil || reflect.ValueOf(n).IsNil() {
		return
	}
	f(n)
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			walk(c, f)
		}
	case *parse.IfNode:
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.RangeNode:
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.WithNode:
		walk(n.List, f)
		walk(n.ElseList, f)
	}
}

// limitedWriter fails once more than max bytes were written.
type limitedWriter struct {
	buf []byte
	max int
}

var errTooLong = &LimitError{Msg: fmt.Sprintf("the template produced more than %d MB of text: simplify its loops", maxOutput>>20)}

func (w *limitedWriter) Write(p []byte) (int, error) {
	if len(w.buf)+len(p) > w.max {
		return 0, errTooLong
	}
	w.buf = append(w.buf, p...)
	return len(p), nil
}

// isLimit reports whether err is a template beyond a bound.
func isLimit(err error) (*LimitError, bool) {
	var le *LimitError
	ok := errors.As(err, &le)
	return le, ok
}

// printable is a printf argument as it may be printed: a text, a number or a truth value as it
// is, anything that prints itself (a finding, a side, a theme) as the text it prints, a list
// item by item; an error names any other kind of value, whose fields printf would print.
func printable(a any) (any, error) {
	if a == nil {
		return nil, nil
	}
	if v, ok := a.(fmt.Stringer); ok {
		return v.String(), nil
	}
	rv := reflect.ValueOf(a)
	switch rv.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64, reflect.String:
		return a, nil
	case reflect.Slice, reflect.Array:
		out := make([]any, rv.Len())
		for i := range out {
			v, err := printable(rv.Index(i).Interface())
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	}
	return nil, fmt.Errorf("a %s", rv.Kind())
}
