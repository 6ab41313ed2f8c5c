package planimport

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// UploadLifetime is how long an upload waits for its import to be confirmed.
const UploadLifetime = 24 * time.Hour

// MaxUploadsPerUser bounds the uploads one admin has kept at once: a new one
// makes room by deleting the oldest, so repeated uploads cannot fill the
// database before housekeeping runs.
const MaxUploadsPerUser = 5

// Upload is a spreadsheet kept between the preview of its import and the
// confirmation, so the confirmation imports exactly the bytes previewed.
type Upload struct {
	ID        string `gorm:"primaryKey"` // 128 random bits in hex: the only handle the forms carry
	UserID    uint   // the uploader, the only user who may preview or import it
	FileName  string
	Size      int
	SHA256    string `gorm:"column:sha256"`
	Content   []byte
	CreatedAt time.Time
	ExpiresAt time.Time
}

// TableName is the uploads' table.
func (Upload) TableName() string { return "plan_uploads" }

// errUploadGone is the refusal of an upload that expired, was imported or
// never existed: the same words for each, as the admin's next step is the same.
var errUploadGone = models.Invalid("file", "The uploaded file is no longer kept (uploads are kept for a day and until their import): upload it again")

// SaveUpload keeps data as uploaded by actor (an admin) until now plus a day.
func SaveUpload(ctx context.Context, db *gorm.DB, actor *models.User, fileName string, data []byte, now time.Time) (*Upload, error) {
	if actor == nil || !actor.AtLeast(models.RoleAdmin) {
		return nil, models.ErrForbidden
	}
	var id [16]byte
	if _, err := rand.Read(id[:]); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	u := &Upload{ID: hex.EncodeToString(id[:]), UserID: actor.ID, FileName: fileName, Size: len(data),
		SHA256: hex.EncodeToString(sum[:]), Content: data, CreatedAt: now.UTC(), ExpiresAt: now.UTC().Add(UploadLifetime)}
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var older []string
		if err := tx.Model(&Upload{}).Where("user_id = ?", actor.ID).Order("created_at DESC, id").
			Offset(MaxUploadsPerUser-1).Limit(100).Pluck("id", &older).Error; err != nil {
			return err
		}
		if len(older) > 0 {
			if err := tx.Where("id IN ?", older).Delete(&Upload{}).Error; err != nil {
				return err
			}
		}
		return tx.Create(u).Error
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// FindUpload is actor's live upload id. Another user's upload is
// ErrForbidden; an expired, used or unknown one an InvalidError on "file".
func FindUpload(ctx context.Context, db *gorm.DB, actor *models.User, id string, now time.Time) (*Upload, error) {
	var u Upload
	err := db.WithContext(ctx).Where("id = ?", id).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, errUploadGone
	}
	if err != nil {
		return nil, err
	}
	if actor == nil || u.UserID != actor.ID {
		return nil, models.ErrForbidden
	}
	if !now.Before(u.ExpiresAt) {
		return nil, errUploadGone
	}
	// The stored bytes are what was previewed: a changed row is not imported.
	if sum := sha256.Sum256(u.Content); hex.EncodeToString(sum[:]) != u.SHA256 {
		return nil, errors.New("plan upload " + u.ID + ": its content no longer matches its SHA-256")
	}
	return &u, nil
}

// PurgeExpiredUploads deletes the uploads whose day is over, confirmed or not.
func PurgeExpiredUploads(ctx context.Context, db *gorm.DB, now time.Time) (int64, error) {
	res := db.WithContext(ctx).Where("expires_at <= ?", now.UTC()).Delete(&Upload{})
	return res.RowsAffected, res.Error
}

// PreviewUpload previews actor's upload id as Preview does, returning the
// upload with the result.
func PreviewUpload(ctx context.Context, db *gorm.DB, actor *models.User, id string, in Request, now time.Time) (*Upload, *Result, error) {
	u, err := FindUpload(ctx, db, actor, id, now)
	if err != nil {
		return nil, nil, err
	}
	in.File = u.FileName
	res, err := Preview(ctx, db, u.Content, in, now)
	return u, res, err
}

// ImportUpload imports actor's upload id as Import does and deletes it in the
// same transaction, so it is imported at most once; a failed import keeps it.
func ImportUpload(ctx context.Context, db *gorm.DB, actor *models.User, id string, in Request, now time.Time) (*Upload, *Result, error) {
	if actor == nil || !actor.AtLeast(models.RoleAdmin) {
		return nil, nil, models.ErrForbidden
	}
	var u *Upload
	var res *Result
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if u, err = FindUpload(ctx, tx, actor, id, now); err != nil {
			return err
		}
		// Deleting first makes a second confirmation of the same upload wait
		// for this one and then find it gone.
		del := tx.Where("id = ? AND user_id = ?", u.ID, actor.ID).Delete(&Upload{})
		if del.Error != nil {
			return del.Error
		}
		if del.RowsAffected != 1 {
			return errUploadGone
		}
		in.File = u.FileName
		res, err = importIn(tx, actor, u.Content, in, now)
		return err
	})
	return u, res, err
}

// DeleteUpload deletes actor's upload id, e.g. one that could not be read.
func DeleteUpload(ctx context.Context, db *gorm.DB, actor *models.User, id string) error {
	if actor == nil {
		return models.ErrForbidden
	}
	return db.WithContext(ctx).Where("id = ? AND user_id = ?", id, actor.ID).Delete(&Upload{}).Error
}
