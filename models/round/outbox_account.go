package round

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// Kinds of email about an account rather than a round.
const (
	MailInvite     = "invite"
	MailReset      = "reset"
	MailAdminReset = "admin_reset"
	MailSSOInvite  = "sso_invite" // an invitation to sign in with one's organisation's account
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

// MailPending tells administrators an account waits for their approval.
const MailPending = "pending"

// QueueToAdmins queues a copy of m to every enabled administrator, once per
// key and administrator.
func QueueToAdmins(tx *gorm.DB, kind, key string, m Mail, now time.Time) (int, error) {
	var admins []models.User
	if err := tx.Where("role = ? AND disabled = ? AND pending = ?", models.RoleAdmin, false, false).Order("id").Limit(100).Find(&admins).Error; err != nil {
		return 0, err
	}
	mails := make([]Mail, 0, len(admins))
	for _, a := range admins {
		c := m
		k := fmt.Sprintf("%s:%s:%d", kind, key, a.ID)
		c.Kind, c.DedupeKey, c.UserID, c.ToAddr, c.ToName = kind, &k, &a.ID, a.Email, a.Name
		mails = append(mails, c)
	}
	return queueMail(tx, mails, now)
}

// QueueSSOInvite queues, in tx, the invitation of someone who signs in with
// their organisation's account and so has no password to set, audited
// against the account.
func QueueSSOInvite(tx *gorm.DB, actor, to *models.User, m Mail, now time.Time) error {
	if to.Disabled {
		return &models.ConflictError{Message: "This account is disabled, so no invitation can be emailed to it."}
	}
	if err := models.AuditUser(context.Background(), tx, actor, to.Email, "password", "", "invitation emailed: signs in with the organisation's account", now); err != nil {
		return err
	}
	m.Kind, m.UserID, m.ToAddr, m.ToName = MailSSOInvite, &to.ID, to.Email, to.Name
	_, err := queueMail(tx, []Mail{m}, now)
	return err
}
