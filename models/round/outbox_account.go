package round

import (
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// Kinds of email about an account rather than a round.
const (
	MailInvite     = "invite"
	MailReset      = "reset"
	MailAdminReset = "admin_reset"
)

// QueuePasswordLink stores an emailed password link and queues its email in
// tx, so the link exists exactly when its email is on its way. actor is who
// asked (nil for a reset asked for by someone not signed in).
func QueuePasswordLink(tx *gorm.DB, actor, to *models.User, link models.PasswordLink, m Mail, now time.Time) error {
	if to.Disabled {
		return &models.ConflictError{Message: "This account is disabled, so no link can be emailed to it."}
	}
	if err := models.StorePasswordLink(tx, actor, to, link, now); err != nil {
		return err
	}
	m.Kind, m.UserID, m.ToAddr, m.ToName = link.Purpose, &to.ID, to.Email, to.Name
	_, err := queueMail(tx, []Mail{m}, now)
	return err
}
