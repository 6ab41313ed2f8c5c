package models

import "time"

// ProgressUpdate is one entry in an action's append-only progress history.
type ProgressUpdate struct {
	ID          uint      `gorm:"primaryKey"`
	ActionID    uint      `gorm:"not null;index:ix_update_action,priority:1"`
	UpdateDate  time.Time `gorm:"not null;index:ix_update_action,priority:2"` // the date the update speaks for
	Narrative   string    `gorm:"not null"`
	Status      string    `gorm:"size:20;not null"`
	RAG         string    `gorm:"column:rag;size:10;not null;default:''"`
	Evidence    string    `gorm:"not null;default:''"`
	EvidenceURL string    `gorm:"not null;default:''"`
	Reason      string    `gorm:"not null;default:''"`    // why a complete action was reopened, or why nothing changed
	NoChange    bool      `gorm:"not null;default:false"` // "No change since the last update", with Reason
	UserID      *uint     `gorm:"index"`
	AuthorName  string    `gorm:"not null"` // kept even if the user is later renamed
	CreatedAt   time.Time `gorm:"not null;index"`
}

// ImportAuthor attributes the document's own progress text.
const ImportAuthor = "Imported from the action plan document"
