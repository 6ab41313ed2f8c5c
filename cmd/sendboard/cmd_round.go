package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"sendboard/models"
	"sendboard/models/round"
)

func roundOpen(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "round open", "round open --board NAME --due YYYY-MM-DD --owner EMAIL [--meeting YYYY-MM-DD] [--plan SLUG] [--filter Q] [--message TEXT]")
	board := fs.String("board", "", "the governance board, e.g. \"SEND Improvement Board\" (admins may leave it out for the whole plan)")
	due := fs.String("due", "", "the date updates are due, YYYY-MM-DD (required)")
	meeting := fs.String("meeting", "", "the board meeting the updates are for, YYYY-MM-DD")
	plan := fs.String("plan", "", "the plan's slug (default: the plan the pages show)")
	filter := fs.String("filter", "", "only actions matching this filter, as on the action list, e.g. \"milestone=2&status=in_progress\"")
	message := fs.String("message", "", "a message to the leads, put at the top of the email")
	owner := fs.String("owner", "", "email of the board member or admin who owns the round and gets its digest (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *due == "" || *owner == "" {
		return usageError{"--due and --owner are required"}
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := models.FindUserByEmail(ctx, a.DB, *owner)
	if err != nil {
		return noAccount(*owner, err)
	}
	if u.Disabled {
		return fmt.Errorf("the account %s is disabled", u.Email)
	}
	r, n, err := a.OpenRound(ctx, u, round.Input{Board: *board, Plan: *plan, Filter: *filter, Due: *due, Meeting: *meeting, Message: *message})
	if errors.Is(err, models.ErrForbidden) {
		return fmt.Errorf("%s may not open this round: a board member opens rounds for a board they sit on; only admins open one for the whole plan", u.Email)
	}
	if err != nil {
		return err
	}
	var count int64
	a.DB.WithContext(ctx).Model(&round.Action{}).Where("round_id = ?", r.ID).Count(&count)
	fmt.Fprintf(env.stdout, "opened round %d: %s\n%d actions requested; %d emails queued (sent by the mail job, or now with `sendboard mail send`)\n",
		r.ID, r.Title(), count, n)
	if !a.Config.Mail.Configured() {
		fmt.Fprintln(env.stderr, "note: SENDBOARD_SMTP_URL is not set, so the emails wait in the outbox")
	}
	if !a.Config.BaseURLReachable() {
		fmt.Fprintf(env.stderr, "note: the emails link to %s, which only this machine can open: set SENDBOARD_BASE_URL "+
			"to the address people use, or start `sendboard serve` at it once\n", a.Config.BaseURL())
	}
	return nil
}

func roundList(ctx context.Context, env *cliEnv, args []string) error {
	if err := parse(newFlags(env, "round list", "round list"), args); err != nil {
		return err
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	rs, err := round.List(ctx, a.DB)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tBOARD\tDUE\tMEETING\tSTATUS\tANSWERED")
	for _, r := range rs {
		board, meeting := "(whole plan)", ""
		if r.BoardName != nil {
			board = *r.BoardName
		}
		if r.Meeting != nil {
			meeting = *r.Meeting
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%d of %d\n", r.ID, strings.TrimSpace(board), r.Due, meeting, r.Status, r.Answered, r.Requested)
	}
	return w.Flush()
}
