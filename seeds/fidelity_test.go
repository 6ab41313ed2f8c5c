package seeds_test

import (
	"context"
	"slices"
	"testing"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/seeds"
)

// docAction is one row of the action plan as read from the source document
// 002_93c407777f855361.txt, transcribed for this test independently of
// plan.yaml. Rows that wrap across a page break are joined with one space.
type docAction struct {
	number, aim, action string
	area                int
	impact              string
	leadGov             string   // the Lead and governance cell verbatim
	lead                string   // the lead as spelled in this row
	role                string   // the one lead role the spelling belongs to
	boards              []string // canonical names, sorted
	progress, status    string
	initiate            string // YYYY-MM or ""
}

var docActions = []docAction{
	{"1.1", "To improve the impact of awareness and training events.",
		"Joint training and awareness framework rolled out to wider workforce.", 1,
		"Number of professionals completing awareness training increases monthly and this is positively impacting on practice. Workforce survey used to measure impact; survey results from workforce demonstrate increased awareness; 50% of workforce confirm awareness and increased confidence.",
		"CCG Programme Officer; SEND Health Forum.", "CCG Programme Officer", "CCG Programme Officer", []string{"SEND Health Forum"},
		"Framework has been agreed and is currently being rolled out to wider workforce; 50% of CCG staff completed awareness training.",
		"in_progress", ""},
	{"1.2", "To improve awareness and impact of joint operational agreement.",
		"Joint agreement is shared more widely with workforce through face to face sessions.", 1,
		"Teams report that agreement has been shared with staff; monthly internal QA check by leadership team and external PAN Dorset EHCP audit demonstrates improvement in EHCPs in response times and quality of content, including clear outcomes that reflect joint input.",
		"DCO; SEND Improvement Board.", "DCO", "DCO", []string{"SEND Improvement Board"},
		"Joint agreement has been shared at strategic boards and is part of the tier 2 training.",
		"in_progress", ""},
	{"1.3", "To improve the transitions to adulthood for children and young people with SEND.",
		"All YR9 reviews and annual reviews include a focus on preparation for adulthood.", 1,
		"Visual check of annual reviews and feedback from Ansbury demonstrates that year 9 reviews include transition; visual check of year 9 annual reviews show preparation for adulthood steps.",
		"Strategic Lead Manager Learning Disability; SEND Improvement Board.", "Strategic Lead Manager Learning Disability",
		"Strategic Lead Manager Learning Disability", []string{"SEND Improvement Board"},
		"This work has started with year 9 reviews.", "in_progress", ""},
	{"1.5", "To improve the consistency of the quality of EHC plans (continued).",
		"Further training for planning co-ordinators on EHC plans is delivered to improve quality.", 2,
		"Staff survey reports 80% + increase in confidence rating.",
		"SEND Assessment Team Manager; SEND Improvement Board.", "SEND Assessment Team Manager", "SEND Assessment Team Manager",
		[]string{"SEND Improvement Board"}, "", "in_progress", ""},
	{"1.7", "To improve the quality of information contained within case records.",
		"Training for planning co-ordinators on EHC plans is delivered to improve consistency of information being added to the case records.", 2,
		"Information is consistently added accurately to the internal systems; information about the levels of provision and support against individual cases is clear; database shows 90% case records populated re provision.",
		"SEND Operational Manager; SEND Improvement Board.", "SEND Operational Manager", "SEND Operational Manager",
		[]string{"SEND Improvement Board"}, "", "in_progress", ""},
	{"1.8", "To improve local arrangements for early help and integrated support at the early stages.",
		"Early Help Plan for Dorset agreed by Strategic Alliance for CYP is committed to by all professionals.", 2,
		"Evidence presented at Strategic Alliance by all partners showing impact of early help using Outcomes Star; this will show improvement against the 10 domains for individual families.",
		"Family Partnership Zone (FPZ) Strategic Lead; Strategic Alliance.", "Family Partnership Zone (FPZ) Strategic Lead",
		"Family Partnership Zone (FPZ) Strategic Lead", []string{"Strategic Alliance"}, "", "in_progress", ""},
	{"1.14", "To improve the talking and listening with parents to improve service provision and parental satisfaction rates (continued).",
		"SEND E-Newsletter is sent out to parents and carers regularly with key information and contact details for feedback.", 3,
		"Number of subscribers to e-newsletter and subsequent correspondence increases further and is cited on survey as key source of information and for feedback; feedback helps determine content of future newsletters.",
		"Communications Officer; SEND Improvement Board.", "Communications Officer", "Communications Officer",
		[]string{"SEND Improvement Board"},
		"There are now 3788 subscribers to the newsletter and a number of parents have contacted the Director through this to arrange face to face meetings. Feedback has also been received about future topics of interest and areas parents and carers need support with.",
		"in_progress", ""},
	{"1.16", "To improve the systems around the planning and implementing of services and provision for children and young people.",
		"Use information contained within the Family Partnership Zone dashboard to identify support for families with SEND children early on.", 3,
		"Number of families engaged in early help programmes as reported at Strategic Alliance; SEND case studies show positive impact on families with children with SEND. Engagement of children with 3 flags or more in interventions increases and outcomes are evident on the performance dashboard. Examples of how performance dashboard is being used are shared with key stakeholders; 70+% of schools are using the dashboard.",
		"FPZ Strategic Lead; SEND Improvement Board and Strategic Alliance.", "FPZ Strategic Lead",
		"Family Partnership Zone (FPZ) Strategic Lead", []string{"SEND Improvement Board", "Strategic Alliance"},
		"FPZ dashboard has been rolled out and is being used by a growing number of settings.", "in_progress", ""},
	{"1.19", "To improve the quality of information available to parents and carers (continued).",
		"Revised letters to parents and carers to be in plain English.", 4,
		"80% + of parents and carers receiving revised letters report satisfaction in correspondence style and clarity.",
		"SEND Quality Assurance Officer; SEND Improvement Board.", "SEND Quality Assurance Officer", "SEND Quality Assurance Officer",
		[]string{"SEND Improvement Board"},
		"Series of letters have been reviewed in conjunction with DPCC and SEND Independent Advice Service (SENDIAS) and due to be implemented in September 2019.",
		"in_progress", ""},
	{"1.21", "To improve the quality of SEND provision across the local area.",
		"Use the SEND evaluation framework with schools to complete SEND reviews. Follow up SEND Reviews with monitoring visits.", 4,
		"Effective risk assessment will lead to targeting of schools in greatest need of support to improve SEND provision. 100% of schools that have been monitored will understand their strengths and areas for development in relation to SEND provision and will have clear next steps to follow. 100% of monitoring visit reports show that schools have made progress in SEND provision and practice through the implementation of one or more of the recommendations from the whole school SEND review.",
		"SEND Advisor; SEND Improvement Board.", "SEND Advisor", "SEND Adviser", []string{"SEND Improvement Board"},
		"School visits scheduled to take place over the summer term.", "in_progress", ""},
	{"2.1", "To improve the impact of awareness and training events.",
		"Face to face training on SEND is delivered to key professional teams such as social care teams.", 1,
		"Feedback from 75%+ participants indicates increased confidence rating before and after training.",
		"Corporate Director for Care and Protection; SEND Improvement Board.", "Corporate Director for Care and Protection",
		"Corporate Director for Care and Protection", []string{"SEND Improvement Board"},
		"DCO has current training package in place that will be used as a model for further training.", "not_started", "2019-08"},
	{"2.3", "To improve the impact of awareness and training events (continued).",
		"Face to face training delivered to health care teams.", 1,
		"90% of relevant health teams receive EHCP contribution training; quality of health contributions to EHCPs improves as demonstrated through EHCP audit; contributions from health demonstrate improvement against statutory timescales by minimum 50% acceptable contributions. Feedback survey 90%+ increase in understanding rating by health professionals.",
		"DCO; SEND Health Forum and CCG Audit and Quality Group.", "DCO", "DCO", []string{"CCG Audit and Quality Group", "SEND Health Forum"},
		"Face to face training with health teams has started.", "in_progress", ""},
	{"2.4", "To improve the impact of awareness and training events (continued).",
		"Delivery of person-centred training is widened.", 1,
		"Survey feedback from delegates shows increase in knowledge and understanding for 75% of attendees, before and after training. Person centred approaches training has 75% positive feedback.",
		"Senior Educational Psychologist (EP); SEND Improvement Board.", "Senior Educational Psychologist (EP)",
		"Senior Educational Psychologist (EP)", []string{"SEND Improvement Board"},
		"Review of recent person-centred training has been delivered at board meeting with actions to take forward.", "in_progress", ""},
	{"2.7", "To improve the communication with parents and carers and CYP.",
		"Create a joint communications plan between health, education and social care.", 1,
		"Parents and carers feedback positively about communication; 75% respond positively in snap survey.",
		"Communications Officer.", "Communications Officer", "Communications Officer", nil, "", "not_started", "2019-08"},
	{"2.8", "To maximise the use of high needs funding (HNF) that's available.",
		"Seconded secondary headteacher to jointly co-produce a strategy in the use of High Needs Funding.", 2,
		"Strategy is presented to cabinet and agreed – evidenced in minutes Schools forum papers show adoption of strategy.",
		"Corporate Director for Schools and Learning; Schools Forum.", "Corporate Director for Schools and Learning",
		"Corporate Director for Schools and Learning", []string{"Schools Forum"},
		"Seconded headteacher has started in post.", "in_progress", ""},
	{"2.9", "To develop staff skills in managing SEMH in the learning centres.",
		"Continued training delivered through Educational Psychologists team and involvement in the attachment friendly schools programme.", 2,
		"Specific training from educational psychologists and CAMHS provided. Training feedback forms indicate increase in knowledge and understanding; improvement of minimum of two points on feedback scale.",
		"Senior EP; SEND Improvement Board.", "Senior EP", "Senior Educational Psychologist (EP)", []string{"SEND Improvement Board"},
		"First wave of training has been delivered.", "in_progress", ""},
	{"2.10", "To improve local arrangements for help and integrated support at the earliest opportunity.",
		"SEND Audit tool is being used with schools to increase their ability to meet the needs of CYP at earliest opportunity.", 2,
		"School Audit Tool review spreadsheet shows 70% improvement across Performance Indicators at revisit.",
		"SEND Adviser; SEND Improvement Board.", "SEND Adviser", "SEND Adviser", []string{"SEND Improvement Board"},
		"Initial visits have taken place using the audit tool.", "in_progress", ""},
	{"2.12", "To improve the information for parents so they know where to get help.",
		"Case studies created and shared with settings on what good practice looks like.", 3,
		"Visual case studies/videos/presentations of excellent practice in settings are shared with and between schools/settings electronically and at networks. Case studies are linked into the SEND newsletter.",
		"", "", "", nil, "", "not_started", "2019-09"},
	{"2.15", "To increase the range of specialist settings in order to reduce the number of children educated outside of Dorset or remaining out of school (continued).",
		"Specialist provision for ASC places is put in place at the newly established free school (Phase 1).", 3,
		"Number of ASC places increased by 25 and Complex Communication Needs (CCN) specialist resourced provision places increased to 43. Regular updates to parents and carers in the monthly SEND newsletter.",
		"SEND Commissioner; Strategic Alliance and SEND improvement Board .", "SEND Commissioner", "SEND Commissioner",
		[]string{"SEND Improvement Board", "Strategic Alliance"},
		"This will be temporary provision whilst the new school is being built, and will be open in September 2019 for 25 pupils.",
		"in_progress", ""},
	{"2.22", "To improve the quality of SEND provision across the local area (continued).",
		"Inclusion self-evaluation frameworks will be developed and shared with schools and settings.", 4,
		"Inclusion self-evaluation framework is being used by 50% + schools/settings as evidenced in visit notes; increased evidence of inclusive practice as reflected through monitoring reports.",
		"Senior Manager Education Services.", "Senior Manager Education Services", "Senior Manager Education Services", nil,
		"", "not_started", "2019-09"},
	{"3.1", "To improve the impact of awareness and training events.",
		"Work with schools to improve their SEND offer using the SEND evaluation tool.", 1,
		"Effective risk assessment will lead to targeting of schools in greatest need of support to improve SEND provision. 100% of schools that have been monitored will understand their strengths and areas for development in relation to SEND provision and will have clear next steps to follow. 100% of monitoring visit reports show that schools have made progress in SEND provision and practice through the implementation of one or more of the recommendations from the SEND review.",
		"SEND Advisor; SEND Improvement Board.", "SEND Advisor", "SEND Adviser", []string{"SEND Improvement Board"},
		"SEND Advisor delivering visits to schools.", "in_progress", ""},
	{"3.2", "To improve the impact of awareness and training events (continued).",
		"Specialist training is delivered with a range of professionals, parents and carers for a range of professionals as defined by the training framework.", 1,
		"Workforce feedback that their knowledge and confidence around SEND has improved; professionals use this knowledge when working with children, young people, parents and carers with SEND; snap survey shows 100% of specialist teams have accessed specialist training.",
		"CCG Programme Officer; SEND Health Forum and SEND Improvement Board.", "CCG Programme Officer", "CCG Programme Officer",
		[]string{"SEND Health Forum", "SEND Improvement Board"}, "", "not_started", "2020-01"},
	{"3.5", "", "Develop the relationship with schools to ensure settings play a more active role with early intervention.", 2,
		"Better preventative practice in maintained schools reflected by decrease in number of requests for statutory needs assessments – measured month on month by the number of requests for assessment. Reduction in number of EHCP permanent exclusions as a result of strategy. Evidenced in school census and LA statistical returns",
		"Executive Director; Schools Forum.", "Executive Director", "Executive Director", []string{"Schools Forum"},
		"Seconded headteacher has started in post.", "in_progress", ""},
	{"3.6", "To improve joint commissioning arrangements for Independent Advisory Services (IAS).",
		"New commissioning arrangements are developed and put in place.", 1,
		"Increased capacity by 30% within jointly commissioned IAS services.",
		"DCO; SEND Health Forum.", "DCO", "DCO", []string{"SEND Health Forum"}, "", "not_started", "2020-04"},
	{"3.10", "To improve the link between CAMHS and education (continued).",
		"Planning for the new special school created through DfE funding is in place.", 3,
		"Number of special school places increases by 70. Provision co-produced with parents and carers; updates provided through variety of communication channels, including the SEND Newsletter.",
		"SEND Commissioner; Schools Forum and SEND Improvement Board.", "SEND Commissioner", "SEND Commissioner",
		[]string{"SEND Improvement Board", "Schools Forum"},
		"The new special school will be for 70 pupils, date and location to be confirmed.", "in_progress", ""},
	{"3.13", "To improve referral process around autism (continued).",
		"Increase funding of £200K to support pathway by recruiting to new posts.", 3,
		"Development and Behaviour pathway funding is spent on whole time equivalent clinicians focussed on autism. Wide range of stakeholders are aware and understand the pathway including GPs and SENCOS.",
		"DCO; SEND Health Forum.", "DCO", "DCO", []string{"SEND Health Forum"}, "Posts out to advert.", "in_progress", ""},
	{"3.17", "To improve referral process around autism (continued).",
		"Review all letters and paperwork for pathway to support referral process and implement revised letters.", 3,
		"Co-production with parents and health providers will ensure new letters and paperwork in place around referrals are user friendly. Parents report that letters requesting information are easy to understand captured by parents attending the behaviour strategy group.",
		"DCO; SEND Health Forum.", "DCO", "DCO", []string{"SEND Health Forum"},
		"This is a workstream within the development and behaviour strategy group.", "not_started", "2019-09"},
}

// docMilestones are the section headings and their months.
var docMilestones = map[int]struct{ label, due string }{
	1: {"3 Month Milestones (July 2019)", "2019-07"},
	2: {"6 Month Milestones (October 2019)", "2019-10"},
	3: {"12 Month Milestones (May 2020)", "2020-05"},
}

// docStatusText is the Status cell of a few rows, verbatim ("In Progress" keeps its capital).
var docStatusText = map[string]string{"1.1": "In progress", "1.2": "In Progress", "2.1": "Initiate August 2019",
	"3.2": "Initiate January 2020", "3.6": "Initiate April 2020", "3.13": "In Progress"}

func TestSeedMatchesDocument(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		if _, err := seeds.Load(ctx, d.DB); err != nil {
			t.Fatalf("load: %v", err)
		}
		plan, err := models.DefaultPlan(ctx, d.DB)
		if err != nil {
			t.Fatal(err)
		}
		if len(docActions) < 15 {
			t.Fatalf("only %d actions transcribed", len(docActions))
		}
		for _, w := range docActions {
			t.Run(w.number, func(t *testing.T) {
				a, err := models.FindAction(ctx, d.DB, plan.ID, w.number)
				if err != nil {
					t.Fatalf("find: %v", err)
				}
				eq := func(field, got, want string) {
					t.Helper()
					if got != want {
						t.Errorf("%s:\n got %q\nwant %q", field, got, want)
					}
				}
				eq("aim", a.Aim, w.aim)
				eq("action", a.Text, w.action)
				eq("impact measure", a.ImpactMeasure, w.impact)
				eq("lead and governance", a.LeadAndGovernance, w.leadGov)
				eq("lead as spelled", a.LeadText, w.lead)
				eq("progress", a.Progress, w.progress)
				eq("status", a.Status, w.status)
				if a.PriorityArea.Number != w.area {
					t.Errorf("priority area: got %d, want %d", a.PriorityArea.Number, w.area)
				}
				role := ""
				if a.Lead != nil {
					role = a.Lead.Name
				}
				eq("lead role", role, w.role)
				if got := a.BoardNames(); !slices.Equal(got, w.boards) && !(len(got) == 0 && len(w.boards) == 0) {
					t.Errorf("boards: got %q, want %q", got, w.boards)
				}
				eq("initiate_by", deref(a.InitiateBy), w.initiate)
				major, _, _ := models.SplitNumber(w.number)
				m := docMilestones[major]
				if a.Milestone.Section != major || a.Milestone.Label != m.label || a.Milestone.Due != m.due {
					t.Errorf("milestone: got %d %q %q, want %d %q %q", a.Milestone.Section, a.Milestone.Label, a.Milestone.Due, major, m.label, m.due)
				}
				if st, ok := docStatusText[w.number]; ok {
					eq("status text", a.StatusText, st)
				}
				checkFirstUpdate(t, d, a, plan, w.progress)
			})
		}
	})
}

// checkFirstUpdate: the document's progress text is the action's first (and,
// after seeding, only) update, dated at the plan's date and attributed to the import.
func checkFirstUpdate(t *testing.T, d modeltest.DB, a *models.Action, plan *models.Plan, progress string) {
	t.Helper()
	ups, err := models.ListUpdates(context.Background(), d.DB, a.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if progress == "" {
		if len(ups) != 0 {
			t.Errorf("blank progress cell, but %d updates seeded", len(ups))
		}
		return
	}
	if len(ups) != 1 {
		t.Fatalf("want 1 seeded update, got %d", len(ups))
	}
	u := ups[0]
	if u.Narrative != progress || u.AuthorName != models.ImportAuthor || u.UserID != nil ||
		!u.UpdateDate.Equal(plan.Date) || u.Status != a.Status {
		t.Errorf("first update = %+v; want narrative %q dated %s by %q", u, progress, plan.Date.Format("2006-01-02"), models.ImportAuthor)
	}
	if a.LastUpdateAt == nil || !a.LastUpdateAt.Equal(plan.Date) {
		t.Errorf("last_update_at = %v, want the plan date", a.LastUpdateAt)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
