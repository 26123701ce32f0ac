package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/shadowreport/shadowreport/internal/cli"
	"github.com/shadowreport/shadowreport/internal/publish"
)

// hookedMain is shadowreport with a publication step that crashes or pauses, named by
// SHADOWREPORT_TEST_HOOK as "step=kill" or "step=pause" (the steps are those of publish.Publish).
func hookedMain() {
	at, action, _ := strings.Cut(os.Getenv("SHADOWREPORT_TEST_HOOK"), "=")
	publish.SetTestHook(func(point string) {
		if point != at {
			return
		}
		switch action {
		case "kill":
			publish.KillSelf()
		case "pause":
			fmt.Fprintf(os.Stderr, "paused at %s\n", point)
			for !publish.Interrupted() {
				time.Sleep(time.Millisecond)
			}
		}
	})
	os.Exit(cli.Execute(os.Args[1:], os.Stdout, os.Stderr))
}
