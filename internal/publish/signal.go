package publish

import (
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
)

// A publication under way holds running; Interrupt waits for it to stop at its next step (before
// the switch) or to finish (after it), so that the process exits with the folder old or new and
// nothing of the publication left behind.
var (
	running     sync.Mutex
	interrupted atomic.Bool
	// status is the exit status the interrupting signal asks for (see InterruptStatus).
	status atomic.Int32
	// temps are the temporary files of WriteFile under way, removed by Interrupt.
	tempsMu sync.Mutex
	temps   = map[string]bool{}
)

// Interrupt stops publishing for good: the publication under way, if any, is abandoned before
// its switch (its staging folder removed, out/ as before) or completed if already switched, and
// temporary files of WriteFile are removed. It returns when the process may exit; any later
// publication blocks, so the caller must exit.
func Interrupt() {
	interrupted.Store(true)
	running.Lock()
	tempsMu.Lock()
	for t := range temps {
		os.Remove(t)
	}
}

// HandleSignals makes an interrupt (Ctrl-C, INT) or a TERM clean up before the process exits:
// told is called with the signal, Interrupt runs, and the process exits with 128 + the signal's
// number (130 for INT, 143 for TERM). A second signal during the clean-up exits at once; the next
// build then removes what is left. stop undoes it.
func HandleSignals(told func(os.Signal)) (stop func()) {
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			code := exitCode(sig)
			status.Store(int32(code))
			go func() {
				<-ch
				os.Exit(code)
			}()
			if told != nil {
				told(sig)
			}
			Interrupt()
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

func exitCode(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
}

// hook, when set, is called at each named step of a publication. It exists for the tests, which
// crash or pause a publication there; nothing else sets it.
var hook func(point string)

// SetTestHook sets the function called at each named step of a publication (see the steps in
// Publish). For tests only: they crash or pause a build at every step to prove it all or nothing.
func SetTestHook(f func(point string)) { hook = f }

func step(point string) {
	if hook != nil {
		hook(point)
	}
}

// InterruptStatus is the exit status for a command stopped by a signal: 128 + its number (130
// for INT, 143 for TERM). A command whose publication returned ErrInterrupted exits with it.
func InterruptStatus() int {
	if s := status.Load(); s != 0 {
		return int(s)
	}
	return 130
}

// Interrupted reports whether Interrupt was called (for test hooks that pause until a signal).
func Interrupted() bool { return interrupted.Load() }

// KillSelf ends the process at once, as SIGKILL does, leaving everything as it is at that
// instant. For tests only.
func KillSelf() { killSelf() }
