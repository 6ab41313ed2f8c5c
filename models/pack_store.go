package models

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
)

// Pack formats.
const (
	PackPDF  = "pdf"
	PackXLSX = "xlsx"
	PackHTML = "html"
)

// PackFormats lists every format a pack is stored in.
var PackFormats = []string{PackPDF, PackXLSX, PackHTML}

// MaxStoredPacks bounds one listing of stored packs.
const MaxStoredPacks = 500

// StoredPack is a generated pack as it was given to the board. It is inserted
// once and never updated; generating again adds the next Version.
type StoredPack struct {
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
	Files         []PackFile `gorm:"foreignKey:PackID"`
	Round         *Round     `gorm:"foreignKey:RoundID"`
}

// TableName names the table.
func (StoredPack) TableName() string { return "governance_packs" }

// PackFile is one rendering of a stored pack with its SHA-256.
type PackFile struct {
	PackID      uint   `gorm:"primaryKey;autoIncrement:false"`
	Format      string `gorm:"primaryKey"`
	ContentType string
	Size        int
	SHA256      string `gorm:"column:sha256"`
	Content     []byte
}

// TableName names the table.
func (PackFile) TableName() string { return "governance_pack_files" }

// PackRendering is one format of a pack ready to store.
type PackRendering struct {
	Format, ContentType string
	Content             []byte
}

// SavePack stores the renderings of p as the next version for its board and
// quarter, attributed to by (nil for the scheduled job, named by byName).
func SavePack(ctx context.Context, db *gorm.DB, p *Pack, by *User, byName string, files []PackRendering) (*StoredPack, error) {
	if len(files) == 0 {
		return nil, Invalid("format", "a pack needs at least one rendering to store")
	}
	sp := &StoredPack{PlanID: p.Plan.ID, BoardKey: p.BoardKey, BoardName: p.BoardName, Quarter: p.Quarter.String(),
		QuarterSort: p.Quarter.SortKey(), GeneratedAt: p.GeneratedAt.UTC(), GeneratedBy: byName,
		PlanScope: p.PlanScope, PlanNames: strings.Join(p.PlanNames(), "\n")}
	if p.Round != nil {
		sp.RoundID = &p.Round.ID
	}
	if by != nil {
		sp.GeneratedByID, sp.GeneratedBy = &by.ID, by.Name
	}
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if p.BoardKey != WholePlan {
			var b Board
			if err := tx.Where("slug = ?", p.BoardKey).Take(&b).Error; err != nil {
				return notFoundAs(err, Invalid("board", "there is no governance board %q", p.BoardKey))
			}
			sp.BoardID = &b.ID
		}
		// Versions count a board's packs for the quarter whatever plans they
		// cover, so the download names (board, quarter, version) never clash.
		var last int
		if err := tx.Model(&StoredPack{}).Where("board_key = ? AND quarter = ?", sp.BoardKey, sp.Quarter).
			Select("COALESCE(MAX(version), 0)").Scan(&last).Error; err != nil {
			return err
		}
		sp.Version = last + 1
		if err := tx.Omit("Files", "Round").Create(sp).Error; err != nil {
			return err
		}
		for _, f := range files {
			sum := sha256.Sum256(f.Content)
			sp.Files = append(sp.Files, PackFile{PackID: sp.ID, Format: f.Format, ContentType: f.ContentType,
				Size: len(f.Content), SHA256: hex.EncodeToString(sum[:]), Content: f.Content})
		}
		return tx.Create(&sp.Files).Error
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return nil, &ConflictError{Message: "another copy of this pack was stored at the same moment; generate it again to add a new version"}
	}
	if err != nil {
		return nil, fmt.Errorf("storing the pack: %w", err)
	}
	return sp, nil
}

// ListStoredPacks returns the newest stored packs first, at most limit, with
// each file's size and SHA-256 but not its bytes.
func ListStoredPacks(ctx context.Context, db *gorm.DB, limit int) ([]StoredPack, error) {
	if limit <= 0 || limit > MaxStoredPacks {
		limit = MaxStoredPacks
	}
	var out []StoredPack
	err := db.WithContext(ctx).
		Preload("Files", func(tx *gorm.DB) *gorm.DB {
			return tx.Select("pack_id, format, content_type, size, sha256").Order("format")
		}).
		Preload("Round").Preload("Round.Plan").Preload("Round.Board").
		Order("generated_at DESC, id DESC").Limit(limit).Find(&out).Error
	// Files in PackFormats order: the PDF first, as boards read it.
	for i := range out {
		slices.SortFunc(out[i].Files, func(a, b PackFile) int {
			return slices.Index(PackFormats, a.Format) - slices.Index(PackFormats, b.Format)
		})
	}
	return out, err
}

// FindPackFile loads one stored rendering with its bytes.
func FindPackFile(ctx context.Context, db *gorm.DB, id uint, format string) (*StoredPack, *PackFile, error) {
	var sp StoredPack
	if err := db.WithContext(ctx).Take(&sp, id).Error; err != nil {
		return nil, nil, notFoundAs(err, ErrNotFound)
	}
	var f PackFile
	if err := db.WithContext(ctx).Where("pack_id = ? AND format = ?", id, format).Take(&f).Error; err != nil {
		return nil, nil, notFoundAs(err, ErrNotFound)
	}
	return &sp, &f, nil
}

// PacksOfRound lists the packs made from a round, newest first, without
// their files.
func PacksOfRound(ctx context.Context, db *gorm.DB, roundID uint) ([]StoredPack, error) {
	var out []StoredPack
	err := db.WithContext(ctx).Where("round_id = ?", roundID).Order("generated_at DESC, id DESC").Limit(MaxStoredPacks).Find(&out).Error
	return out, err
}
