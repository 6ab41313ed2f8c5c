package app

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"sendboard/models"
	"sendboard/templates"
)

// routes lists every route with the role it needs: public, then pages, then
// the JSON API. Every write is checked on the server here and again in the
// models call where the rule depends on the record (e.g. who leads an action).
func (a *App) routes(e *echo.Echo) {
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			a.Log.Error("panic serving a request", "method", c.Request().Method, "path", c.Request().URL.Path,
				"err", err, "stack", string(stack))
			return err
		},
	}))
	e.Use(middleware.BodyLimit(formatBytes(a.Config.MaxBodyBytes)))
	e.Use(middleware.SecureWithConfig(middleware.SecureConfig{
		XSSProtection: "0", ContentTypeNosniff: "nosniff", XFrameOptions: "DENY",
		ReferrerPolicy:        "same-origin",
		ContentSecurityPolicy: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'",
	}))
	e.Use(a.requestLog)
	e.Use(a.transportSecurity)
	// NUL / non-UTF-8 text: a 400 naming the field, not a PostgreSQL 500.
	e.Use(a.textGuard)

	// Public.
	e.GET("/healthz", a.healthz)
	e.GET("/readyz", a.readyz)
	e.StaticFS("/static", echo.MustSubFS(templates.FS, "static"))
	e.GET("/favicon.ico", func(c echo.Context) error {
		return c.Redirect(http.StatusMovedPermanently, "/static/govuk/images/favicon.ico")
	})

	viewer := a.requireUser
	lead := a.requireRole(models.RoleLead)
	board := a.requireRole(models.RoleBoard)
	admin := a.requireRole(models.RoleAdmin)

	// Pages: cookie sessions with CSRF on every form.
	p := e.Group("", noStore, a.loadUser, a.csrf)
	p.GET("/login", a.loginPage)
	p.POST("/login", a.loginSubmit)
	p.POST("/logout", a.logout)
	p.GET("/", a.homePage, viewer)
	p.GET("/actions/:number", a.actionPage, viewer)
	p.POST("/actions/:number/updates", a.progressSubmit, lead)
	p.POST("/actions/:number/comments", a.commentSubmit, board)
	p.POST("/actions/:number/signoff", a.signoffSubmit, board)
	p.GET("/actions/:number/edit", a.actionEditPage, admin)
	p.POST("/actions/:number/edit", a.actionEditSubmit, admin)
	p.GET("/actions.csv", a.actionsCSV, viewer)
	p.GET("/actions.xlsx", a.actionsXLSX, viewer)
	p.GET("/boards", a.boardsIndex, viewer)
	// Plans: each has its overview, action pages and filters; the routes
	// above without a plan are the default plan's. Boards and leads are
	// shared by every plan.
	p.GET("/plans", a.plansPage, viewer)
	p.POST("/plans/home", a.homeSubmit, admin)
	p.GET("/plans/new", a.planNewPage, admin)
	p.POST("/plans", a.planCreate, admin)
	p.GET("/plans/:plan", a.planDashboardPage, viewer)
	p.GET("/plans/:plan/settings", a.planSettingsPage, admin)
	p.POST("/plans/:plan/settings", a.planSettingsSubmit, admin)
	p.GET("/plans/:plan/areas", a.areasPage, admin)
	p.POST("/plans/:plan/areas", a.areaSubmit, admin)
	p.GET("/plans/:plan/milestones", a.milestonesPage, admin)
	p.POST("/plans/:plan/milestones", a.milestoneSubmit, admin)
	p.GET("/plans/:plan/actions.csv", a.actionsCSV, viewer)
	p.GET("/plans/:plan/actions.xlsx", a.actionsXLSX, viewer)
	p.GET("/plans/:plan/actions/new", a.actionNewPage, admin)
	p.POST("/plans/:plan/actions", a.actionCreate, admin)
	p.GET("/plans/:plan/actions/:number", a.actionPage, viewer)
	p.POST("/plans/:plan/actions/:number/updates", a.progressSubmit, lead)
	p.POST("/plans/:plan/actions/:number/comments", a.commentSubmit, board)
	p.POST("/plans/:plan/actions/:number/signoff", a.signoffSubmit, board)
	p.GET("/plans/:plan/actions/:number/edit", a.actionEditPage, admin)
	p.POST("/plans/:plan/actions/:number/edit", a.actionEditSubmit, admin)
	p.GET("/plans/:plan/actions/:number/due", a.dueRevisePage, admin)
	p.POST("/plans/:plan/actions/:number/due", a.dueReviseSubmit, admin)
	p.GET("/plans/:plan/actions/:number/retire", a.retirePage, admin)
	p.POST("/plans/:plan/actions/:number/retire", a.retireSubmit, admin)
	// Risks and issues: who may write which is decided per risk in models/risk.
	p.GET("/plans/:plan/risks", a.risksPage, viewer)
	p.GET("/plans/:plan/risks.csv", a.risksCSV, viewer)
	p.GET("/plans/:plan/risks.xlsx", a.risksXLSX, viewer)
	p.POST("/plans/:plan/risks", a.riskCreate, lead)
	p.POST("/plans/:plan/risks/threshold", a.riskThresholdSubmit, admin)
	p.GET("/plans/:plan/risks/:id", a.riskPage, viewer)
	p.POST("/plans/:plan/risks/:id", a.riskUpdateSubmit, lead)
	p.POST("/plans/:plan/risks/:id/issue", a.riskIssueSubmit, lead)
	p.GET("/plans/:plan/boards/:slug", a.boardPage, viewer)
	p.GET("/plans/:plan/leads/:slug", a.leadPage, viewer)
	p.GET("/admin/boards", a.boardsAdminPage, admin)
	p.POST("/admin/boards", a.boardSubmit, admin)
	p.GET("/admin/leads", a.leadsAdminPage, admin)
	p.POST("/admin/leads", a.leadSubmit, admin)
	p.GET("/admin/leads/merge", a.mergePage(leadMerge), admin)
	p.POST("/admin/leads/merge", a.mergeSubmit(leadMerge), admin)
	p.GET("/admin/boards/merge", a.mergePage(boardMerge), admin)
	p.POST("/admin/boards/merge", a.mergeSubmit(boardMerge), admin)
	p.GET("/boards/:slug", a.boardPage, viewer)
	p.GET("/boards/:slug/signoff", a.boardSignoffPage, viewer)
	p.GET("/leads", a.leadsIndex, viewer)
	p.GET("/leads/:slug", a.leadPage, viewer)
	p.GET("/kpis", a.kpisPage, viewer)
	p.GET("/kpis/template.csv", a.kpiTemplate, viewer)
	p.GET("/kpis/new", a.kpiNewPage, admin)
	p.POST("/kpis/new", a.kpiSaveSubmit, admin)
	p.GET("/kpis/:code/edit", a.kpiEditPage, admin)
	p.POST("/kpis/:code/edit", a.kpiSaveSubmit, admin)
	p.POST("/kpis/:code/commentary", a.kpiCommentarySubmit, viewer) // the KPI's owner; checked in models
	p.GET("/me", a.myActionsPage, lead)
	p.GET("/account", a.accountPage, viewer)
	p.POST("/account/password", a.passwordChange, viewer)
	p.POST("/account/tokens", a.tokenCreate, viewer)
	p.POST("/account/tokens/:id/revoke", a.tokenRevoke, viewer)
	p.GET("/users", a.usersPage, admin)
	p.POST("/users", a.userCreate, admin)
	p.GET("/users/:id", a.userEditPage, admin)
	p.POST("/users/:id", a.userUpdate, admin)
	p.POST("/users/:id/disable", a.userDisable, admin)
	p.POST("/users/:id/enable", a.userEnable, admin)
	p.POST("/users/:id/password", a.userResetPassword, admin)
	p.POST("/kpis/import", a.kpiImportSubmit, admin)
	p.GET("/jobs", a.jobsPage, admin)
	p.POST("/jobs/:name/run", a.jobRunSubmit, admin)
	p.GET("/benchmarks", a.benchmarksPage, viewer)
	p.GET("/benchmarks/:measure", a.benchmarkPage, viewer)
	p.POST("/benchmarks/:measure/links", a.benchmarkLinkSubmit, admin)
	p.GET("/packs", a.packsPage, viewer)
	p.POST("/packs", a.packGenerate, board)
	p.GET("/packs/pack.css", a.packCSS, viewer)
	p.GET("/packs/:id/:format", a.packDownload, viewer)
	p.GET("/plans/import", a.planImportPage, admin)
	p.POST("/plans/import", a.planImportSubmit, admin)
	p.GET("/plans/:plan/export", a.planExportDownload, viewer)
	p.GET("/rounds", a.roundsPage, viewer)
	p.POST("/rounds/check", a.roundCheckSubmit, board)
	p.POST("/rounds", a.roundOpenSubmit, board)
	p.GET("/rounds/:id", a.roundPage, viewer)
	p.POST("/rounds/:id/close", a.roundCloseSubmit, board)
	p.POST("/rounds/:id/reopen", a.roundReopenSubmit, board)
	p.POST("/rounds/:id/pack", a.roundPackSubmit, board)
	p.POST("/account/digests", a.digestsSubmit, viewer)
	p.GET("/outbox", a.outboxPage, admin)
	p.POST("/outbox/:id/resend", a.outboxResend, admin)

	// JSON API: bearer token or session (with X-CSRF-Token for writes).
	api := e.Group("/api/v1", noStore, a.loadUser, a.csrf)
	api.GET("/openapi.json", a.apiOpenAPI)
	api.GET("/actions", a.apiListActions, viewer)
	api.GET("/actions/:number", a.apiGetAction, viewer)
	api.POST("/actions/:number/updates", a.apiCreateUpdate, lead)
	api.POST("/actions/:number/signoff", a.apiSignOff, board)
	api.GET("/plans", a.apiListPlans, viewer)
	api.POST("/plans", a.apiCreatePlan, admin)
	api.PUT("/plans/:plan", a.apiUpdatePlan, admin)
	api.POST("/plans/:plan/areas", a.apiSaveArea, admin)
	api.PUT("/plans/:plan/areas/:code", a.apiSaveArea, admin)
	api.POST("/plans/:plan/milestones", a.apiSaveMilestone, admin)
	api.PUT("/plans/:plan/milestones/:section", a.apiSaveMilestone, admin)
	api.GET("/plans/:plan/actions", a.apiListActions, viewer)
	api.POST("/plans/:plan/actions", a.apiCreateAction, admin)
	api.GET("/plans/:plan/actions/:number", a.apiGetAction, viewer)
	api.PATCH("/plans/:plan/actions/:number", a.apiEditAction, admin)
	api.POST("/plans/:plan/actions/:number/updates", a.apiCreateUpdate, lead)
	api.POST("/plans/:plan/actions/:number/signoff", a.apiSignOff, board)
	api.POST("/plans/:plan/actions/:number/due", a.apiReviseDue, admin)
	api.POST("/plans/:plan/actions/:number/retire", a.apiRetireAction, admin)
	// Risks: leads, board members and admins write, as models/risk decides per risk.
	api.GET("/plans/:plan/risks", a.apiListRisks, viewer)
	api.POST("/plans/:plan/risks", a.apiCreateRisk, lead)
	api.GET("/plans/:plan/risks/:id", a.apiGetRisk, viewer)
	api.PATCH("/plans/:plan/risks/:id", a.apiUpdateRisk, lead)
	api.POST("/boards", a.apiSaveBoard, admin)
	api.PUT("/boards/:slug", a.apiSaveBoard, admin)
	api.POST("/leads", a.apiSaveLead, admin)
	api.PUT("/leads/:slug", a.apiSaveLead, admin)
	api.GET("/boards", a.apiListBoards, viewer)
	api.GET("/leads", a.apiListLeads, viewer)
	api.GET("/kpis", a.apiListKPIs, viewer)
	api.GET("/kpis/:code/figures", a.apiKPIFigures, viewer)
	api.POST("/kpis", a.apiSaveKPI, admin)
	api.PUT("/kpis/:code", a.apiSaveKPI, admin)
	api.GET("/benchmarks", a.apiListBenchmarks, viewer)
	api.GET("/benchmarks/:measure", a.apiGetBenchmark, viewer)
	api.GET("/packs", a.apiListPacks, viewer)
	api.POST("/packs", a.apiCreatePack, board)
	api.GET("/packs/:id/:format", a.packDownload, viewer)
	api.GET("/rounds", a.apiListRounds, viewer)
	api.POST("/rounds", a.apiOpenRound, board)
	api.GET("/rounds/:id", a.apiGetRound, viewer)
	api.POST("/rounds/:id/close", a.apiCloseRound, board)
	api.POST("/rounds/:id/reopen", a.apiReopenRound, board)
	api.POST("/rounds/:id/pack", a.apiRoundPack, board)
}
