package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"sendboard/models"
	"sendboard/models/meeting"
)

func meetingOpen(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "meeting open", "meeting open --board NAME --date YYYY-MM-DD [--by EMAIL]")
	board := fs.String("board", "", "the governance board, e.g. \"SEND Improvement Board\" (required)")
	date := fs.String("date", "", "the day of the meeting, YYYY-MM-DD (required)")
	by := fs.String("by", "", "email of the board member or admin opening it (default: the command line, audited as such)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *board == "" || *date == "" {
		return usageError{"--board and --date are required"}
	}
	parts := strings.Split(*date, "-")
	if len(parts) != 3 || len(parts[0]) != 4 {
		return fmt.Errorf("--date %q is not a date; use YYYY-MM-DD, for example 2027-01-22", *date)
	}
	a, err := openApp(ctx, env, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	ref, err := models.LoadReference(ctx, a.DB)
	if err != nil {
		return err
	}
	b, found := ref.BoardByName(*board)
	if !found {
		return fmt.Errorf("there is no board %q; `sendboard board list` lists them", *board)
	}
	actor := meeting.Operator()
	if *by != "" {
		u, err := models.FindUserByEmail(ctx, a.DB, *by)
		if err != nil {
			return noAccount(*by, err)
		}
		if u.Disabled {
			return fmt.Errorf("the account %s is disabled", u.Email)
		}
		actor = u
	}
	mt, err := meeting.Open(ctx, a.DB, actor, b, models.DateParts{Day: parts[2], Month: parts[1], Year: parts[0]}, a.Now())
	var ce *models.ConflictError
	switch {
	case errors.Is(err, models.ErrForbidden):
		return fmt.Errorf("%s may not open the %s's meetings: its members and admins do", actor.Email, b.Name)
	case errors.As(err, &ce):
		return errors.New(ce.Message)
	case err != nil:
		if ie, ok := models.IsInvalid(err); ok {
			return fmt.Errorf("--date: %s", ie.Message)
		}
		return err
	}
	fmt.Fprintf(env.stdout, "opened meeting %d: %s, %s\n%s/meetings/%d\n", mt.ID, b.Name, models.HumanDate(mt.Date), a.Config.BaseURL(), mt.ID)
	return nil
}
