package pack

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/round"
)

// Pack formats.
const (
	PDF  = "pdf"
	XLSX = "xlsx"
	HTML = "html"
)

// Formats lists every format a pack can be stored in, in the order packs list them.
var Formats = []string{PDF, XLSX, HTML}

// MaxStored bounds one listing of stored packs.
const MaxStored = 500

// Stored is a generated pack as it was given to the board. It is inserted
// once and never updated; generating again adds the next Version.
type Stored struct {
	ID            uint `gorm:"primaryKey"`
	PlanID        uint
	BoardKey      string // board slug, or WholePlan
	BoardID       *uint
	BoardName     string
	Quarter       string
	QuarterSort   int
	Version       int
	GeneratedAt   time.Time
	GeneratedByID *uint
	GeneratedBy   string
	PlanScope     string // the plan chosen, "" for every plan the board governs
	PlanNames     string // the plans covered, one a line
	RoundID       *uint
	MeetingID     *uint        // the board meeting it was made for, if any
	Formats       string       // the formats made, space separated in Formats order: "pdf xlsx html", or "xlsx html" without Chromium
	Files         []File       `gorm:"foreignKey:PackID"`
	Round         *round.Round `gorm:"foreignKey:RoundID"`
}

// TableName names the table.
func (Stored) TableName() string { return "governance_packs" }

// FormatList is the formats the pack was made in, PDF first.
func (s Stored) FormatList() []string { return strings.Fields(s.Formats) }

// Has reports whether the pack was made in format.
func (s Stored) Has(format string) bool { return slices.Contains(s.FormatList(), format) }

// File is one rendering of a stored pack with its SHA-256.
type File struct {
	PackID      uint   `gorm:"primaryKey;autoIncrement:false"`
	Format      string `gorm:"primaryKey"`
	ContentType string
	Size        int
	SHA256      string `gorm:"column:sha256"`
	Content     []byte
}

// TableName names the table.
func (File) TableName() string { return "governance_pack_files" }

// Rendering is one format of a pack ready to store.
type Rendering struct {
	Format, ContentType string
	Content             []byte
}

// Save stores the renderings of p as the next version for its board and
// quarter, attributed to by (nil for the scheduled job, named by byName).
func Save(ctx context.Context, db *gorm.DB, p *Pack, by *models.User, byName string, files []Rendering) (*Stored, error) {
	if len(files) == 0 {
		return nil, models.Invalid("format", "a pack needs at least one rendering to store")
	}
	var made []string
	for _, f := range Formats {
		if slices.ContainsFunc(files, func(r Rendering) bool { return r.Format == f }) {
			made = append(made, f)
		}
	}
	sp := &Stored{PlanID: p.Plan.ID, BoardKey: p.BoardKey, BoardName: p.BoardName, Quarter: p.Quarter.String(),
		QuarterSort: p.Quarter.SortKey(), GeneratedAt: p.GeneratedAt.UTC(), GeneratedBy: byName,
		PlanScope: p.PlanScope, PlanNames: strings.Join(p.PlanNames(), "\n"),
		Formats: strings.Join(made, " ")}
	if p.Round != nil {
		sp.RoundID = &p.Round.ID
	}
	if p.Meeting != nil {
		sp.MeetingID = &p.Meeting.ID
	}
	if by != nil {
		sp.GeneratedByID, sp.GeneratedBy = &by.ID, by.Name
	}
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if p.BoardKey != models.WholePlan {
			var b models.Board
			if err := tx.Where("slug = ?", p.BoardKey).Take(&b).Error; err != nil {
				return models.NotFoundAs(err, models.Invalid("board", "there is no governance board %q", p.BoardKey))
			}
			sp.BoardID = &b.ID
		}
		// Versions count a board's packs for the quarter whatever plans they
		// cover, so the download names (board, quarter, version) never clash.
		var last int
		if err := tx.Model(&Stored{}).Where("board_key = ? AND quarter = ?", sp.BoardKey, sp.Quarter).
			Select("COALESCE(MAX(version), 0)").Scan(&last).Error; err != nil {
			return err
		}
		sp.Version = last + 1
		if err := tx.Omit("Files", "Round").Create(sp).Error; err != nil {
			return err
		}
		for _, f := range files {
			sum := sha256.Sum256(f.Content)
			sp.Files = append(sp.Files, File{PackID: sp.ID, Format: f.Format, ContentType: f.ContentType,
				Size: len(f.Content), SHA256: hex.EncodeToString(sum[:]), Content: f.Content})
		}
		return tx.Create(&sp.Files).Error
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return nil, &models.ConflictError{Message: "another copy of this pack was stored at the same moment; generate it again to add a new version"}
	}
	if err != nil {
		return nil, fmt.Errorf("storing the pack: %w", err)
	}
	return sp, nil
}

// ListStored returns the newest stored packs first, at most limit, with
// each file's size and SHA-256 but not its bytes.
func ListStored(ctx context.Context, db *gorm.DB, limit int) ([]Stored, error) {
	if limit <= 0 || limit > MaxStored {
		limit = MaxStored
	}
	var out []Stored
	err := db.WithContext(ctx).
		Preload("Files", func(tx *gorm.DB) *gorm.DB {
			return tx.Select("pack_id, format, content_type, size, sha256").Order("format")
		}).
		Preload("Round").Preload("Round.Plan").Preload("Round.Board").
		Order("generated_at DESC, id DESC").Limit(limit).Find(&out).Error
	// Files in Formats order: the PDF first, as boards read it.
	for i := range out {
		slices.SortFunc(out[i].Files, func(a, b File) int {
			return slices.Index(Formats, a.Format) - slices.Index(Formats, b.Format)
		})
	}
	return out, err
}

// FindFile loads one stored rendering with its bytes.
func FindFile(ctx context.Context, db *gorm.DB, id uint, format string) (*Stored, *File, error) {
	var sp Stored
	if err := db.WithContext(ctx).Take(&sp, id).Error; err != nil {
		return nil, nil, models.NotFoundAs(err, models.ErrNotFound)
	}
	var f File
	if err := db.WithContext(ctx).Where("pack_id = ? AND format = ?", id, format).Take(&f).Error; err != nil {
		return nil, nil, models.NotFoundAs(err, models.ErrNotFound)
	}
	return &sp, &f, nil
}

// OfRound lists the packs made from a round, newest first, without
// their files.
func OfRound(ctx context.Context, db *gorm.DB, roundID uint) ([]Stored, error) {
	var out []Stored
	err := db.WithContext(ctx).Where("round_id = ?", roundID).Order("generated_at DESC, id DESC").Limit(MaxStored).Find(&out).Error
	return out, err
}
