//go:build unix

package sweep

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// Lock takes the lock of the run in dir (creating dir), so that two
// processes never run the same run at once (two "sweep run" on one study,
// or an array task resubmitted while the first still runs). ok is false
// when another process holds it. The lock goes with the process, even
// when it is killed.
func Lock(dir string) (unlock func(), ok bool, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, false, err
	}
	f, err := os.OpenFile(filepath.Join(dir, "run.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, false, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, false, nil
		}
		return nil, false, err
	}
	return func() { f.Close() }, true, nil
}
