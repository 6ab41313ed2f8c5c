package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestMakeInstallPrefix: `make install` puts the binary in $(PREFIX)/bin,
// /usr/local/bin unless PREFIX is given, under DESTDIR when one is. make -n
// prints the commands without building or copying anything.
func TestMakeInstallPrefix(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed")
	}
	for _, c := range []struct {
		vars []string
		want string
	}{
		{nil, " /usr/local/bin/sendboard"},
		{[]string{"DESTDIR=/tmp/stage"}, " /tmp/stage/usr/local/bin/sendboard"},
		{[]string{"PREFIX=/home/me/.local"}, " /home/me/.local/bin/sendboard"},
		{[]string{"DESTDIR=/tmp/stage", "PREFIX=/opt/sb"}, " /tmp/stage/opt/sb/bin/sendboard"},
	} {
		out, err := exec.Command("make", append([]string{"-s", "-n", "-C", "../..", "install"}, c.vars...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("make -n install %v: %v\n%s", c.vars, err, out)
		}
		if !strings.Contains(string(out), "install -m 0755 bin/sendboard"+c.want+"\n") {
			t.Errorf("make install %v does not copy to%s:\n%s", c.vars, c.want, out)
		}
	}
}
