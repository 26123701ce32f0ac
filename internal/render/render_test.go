package render

import (
	"bytes"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/render/clean"
)

// state is what a renderer keeps for the guard.
type state struct {
	Stage string
	Warns clean.Warnings
}

// TestGuard checks the guard every renderer runs in: a failure, panic or error, writes
// nothing and names the format and the stage; the warnings reach the caller whatever happens.
func TestGuard(t *testing.T) {
	d := doc.Resolve(&doc.Document{})
	tests := []struct {
		name    string
		body    func(st *state) ([]byte, Result, error)
		wantErr string
		wantOut string
	}{
		{"success", func(st *state) ([]byte, Result, error) {
			st.Warns.Add("pdf: a warning")
			return []byte("file"), Result{Pages: 2}, nil
		}, "", "file"},
		{"a panic", func(st *state) ([]byte, Result, error) {
			st.Stage = "drawing page 3 of 16"
			st.Warns.Add("pdf: a warning")
			var m map[string]int
			m["x"]++
			return []byte("half"), Result{}, nil
		}, "pdf: failed while drawing page 3 of 16: assignment to entry in nil map", ""},
		{"an error", func(st *state) ([]byte, Result, error) {
			st.Warns.Add("pdf: a warning")
			return []byte("half"), Result{}, errors.New("pdf: layout: broken")
		}, "pdf: layout: broken", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			var warns []string
			var st state
			res, err := Guard("pdf", "Liberation Sans", &buf, d, Options{Warn: func(s string) { warns = append(warns, s) }}, &st.Stage, &st.Warns,
				func() ([]byte, Result, error) { return tt.body(&st) })
			if tt.wantErr == "" && (err != nil || res.Pages != 2) || tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr) {
				t.Errorf("result %+v, error %v; want error %q", res, err, tt.wantErr)
			}
			if buf.String() != tt.wantOut {
				t.Errorf("wrote %q, want %q", buf.String(), tt.wantOut)
			}
			if !slices.Equal(warns, []string{"pdf: a warning"}) {
				t.Errorf("warnings %q", warns)
			}
		})
	}
	if _, err := Guard("html", "", &bytes.Buffer{}, nil, Options{}, new(string), &clean.Warnings{}, nil); err == nil || err.Error() != "html: no document" {
		t.Errorf("no document: %v", err)
	}
	if got := (Options{}).Date(); !got.Equal(time.Unix(0, 0)) || got.Location() != time.UTC {
		t.Errorf("the zero date is %v", got)
	}
}
