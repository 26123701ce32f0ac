package build

import "fmt"

// LockedError says that another build holds out/.
type LockedError struct{ PID int }

func (e *LockedError) Error() string {
	who := "another build"
	if e.PID > 0 {
		who = fmt.Sprintf("another build (process %d)", e.PID)
	}
	return who + " is writing out/; wait for it to finish and build again"
}
