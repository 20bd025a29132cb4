;;; init.el --- CockroachDB Restore Guard in Emacs with eglot  -*- lexical-binding: t -*-
;;
;; Emacs 28 with eglot from GNU ELPA (Debian: elpa-eglot), or Emacs 29+ where eglot is built
;; in. docs/editors.md shows this file; test/e2e/emacs/test.el runs against it as is.
;;
;; eglot answers the server's workspace/configuration requests from
;; `eglot-workspace-configuration' (and pushes it with didChangeConfiguration, after didOpen);
;; diagnostics are pushed by the server and shown by Flymake; hovers come through ElDoc, as
;; plain text unless markdown-mode is installed.

(require 'eglot)

;; The server: the npm bin `crdb-restore-guard-server' (npm install -g crdb-restore-guard, or a
;; clone's dist/server.js). CRDB_RESTORE_GUARD_SERVER=/path/to/server.js overrides it.
(defvar crdb-restore-guard-server-command
  (let ((js (getenv "CRDB_RESTORE_GUARD_SERVER")))
    (if (and js (not (string-empty-p js)))
        (list "node" js "--stdio")
      (list "crdb-restore-guard-server" "--stdio"))))

;; Runbooks: markdown-mode when it is installed, else text-mode (Emacs has no markdown mode of
;; its own). The server tells SQL from markdown by the language id or the file extension.
(unless (fboundp 'markdown-mode)
  (add-to-list 'auto-mode-alist '("\\.\\(md\\|markdown\\)\\'" . text-mode)))
(add-to-list 'eglot-server-programs
             `((sql-mode markdown-mode gfm-mode text-mode) . ,crdb-restore-guard-server-command))

;; Same keys as the VS Code settings (crdbRestoreGuard.*); .crdb-restore-guard.json in the
;; project still applies underneath. Can also go in .dir-locals.el.
(setq-default eglot-workspace-configuration
              '((:crdbRestoreGuard . (:rules (:missing-version "warning")))))

(defun crdb-restore-guard-eglot-ensure ()
  "Start eglot in .sql and markdown files (not in every text-mode buffer)."
  (when (and buffer-file-name
             (string-match-p "\\.\\(sql\\|md\\|markdown\\)\\'" buffer-file-name))
    (eglot-ensure)))
(add-hook 'sql-mode-hook #'crdb-restore-guard-eglot-ensure)
(add-hook 'text-mode-hook #'crdb-restore-guard-eglot-ensure) ; markdown-mode derives from it

;; Code actions (quick fixes) on C-c a; hovers show in the echo area (ElDoc) or C-h .
(with-eval-after-load 'eglot
  (define-key eglot-mode-map (kbd "C-c a") #'eglot-code-actions))
;;; init.el ends here
