package html

import (
	"context"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// probe is the test page around the report: the report in two frames, one as wide as a
// phone's screen (375 CSS pixels) and one as a desktop's (1280), and a script that, once
// both have loaded, loads every embedded font and looks for anything wider than its frame:
// the page scrolling sideways, or an element reaching past the right edge (a table may scroll
// inside its own frame, which is said, not counted). It writes what it found into
// <pre id="result">, one line per width.
const probe = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>probe</title></head><body>
<script>
function check(f) {
  var d = f.contentDocument, e = d.documentElement, vw = e.clientWidth, bad = [], info = [];
  if (e.scrollWidth > vw) bad.push("the page is " + e.scrollWidth + " px wide");
  d.querySelectorAll("body *").forEach(function (x) {
    var r = x.getBoundingClientRect(), frame = x.closest("div.table");
    if (r.width > 0 && r.right > vw + 0.5 && (!frame || frame === x) && getComputedStyle(x).position !== "fixed")
      bad.push("<" + x.tagName.toLowerCase() + " class=" + x.className + "> reaches " + Math.round(r.right) + " px");
  });
  d.querySelectorAll("div.table").forEach(function (t) {
    if (t.scrollWidth > t.clientWidth) info.push("scrolls in its frame: " + t.querySelector("caption").textContent);
  });
  return Promise.all(Array.from(d.fonts).map(function (ff) {
    return ff.load().then(function () { return ""; }, function () { return "font " + ff.family + " " + ff.weight + " " + ff.style + " does not load"; });
  })).then(function (fonts) {
    bad = bad.concat(fonts.filter(Boolean));
    if (d.fonts.size === 0) bad.push("no embedded font");
    return f.width + ": " + (bad.length ? bad.slice(0, 20).join("; ") : "ok") + (info.length ? " (" + info.join("; ") + ")" : "");
  });
}
var loaded = 0;
function done() {
  if (++loaded < 2) return;
  Promise.all(Array.from(document.querySelectorAll("iframe")).map(check)).then(function (lines) {
    var p = document.createElement("pre");
    p.id = "result";
    p.textContent = lines.join("\n");
    document.body.appendChild(p);
  });
}
</script>
<iframe width="375" height="800" onload="done()" srcdoc="REPORT"></iframe>
<iframe width="1280" height="800" onload="done()" srcdoc="REPORT"></iframe>
</body></html>`

// chromium finds a Chromium or Chrome to run headless.
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestLayoutInChromium renders the sample report in headless Chromium at a phone's width
// and a desktop's and checks that nothing overflows horizontally and that every embedded font
// loads. Without Chromium (Debian: chromium) it is skipped, except under CI=true.
func TestLayoutInChromium(t *testing.T) {
	bin := chromium()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is not installed (Debian: apt-get install --no-install-recommends chromium)")
		}
		t.Skip("chromium is not installed (Debian: apt-get install --no-install-recommends chromium)")
	}
	for name, d := range map[string]func() []byte{
		"sample report": func() []byte { p, _ := render(t, sampleReport(t)); return p },
		"hostile":       func() []byte { p, _ := render(t, hostileDoc()); return p },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			page := strings.ReplaceAll(probe, "REPORT", html.EscapeString(string(d())))
			file := filepath.Join(dir, "probe.html")
			if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-extensions", "--disable-sync", "--no-first-run", "--user-data-dir="+filepath.Join(dir, "profile"),
				"--virtual-time-budget=20000", "--dump-dom", "file://"+file)
			cmd.Env = append(os.Environ(), "HOME="+dir)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("chromium: %v", err)
			}
			m := regexp.MustCompile(`(?s)<pre id="result">(.*?)</pre>`).FindSubmatch(out)
			if m == nil {
				t.Fatalf("the probe gave no result:\n%.2000s", out)
			}
			lines := strings.Split(html.UnescapeString(string(m[1])), "\n")
			if len(lines) != 2 {
				t.Fatalf("result %q", lines)
			}
			for _, l := range lines {
				width, rest, _ := strings.Cut(l, ": ")
				if !strings.HasPrefix(rest, "ok") {
					t.Errorf("at %s CSS pixels: %s", width, rest)
				} else if rest != "ok" {
					t.Logf("at %s CSS pixels: %s", width, rest)
				}
			}
		})
	}
}
