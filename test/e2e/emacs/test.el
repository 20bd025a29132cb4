;;; test.el --- headless Emacs + eglot end-to-end check  -*- lexical-binding: t -*-
;;
;; Run by test/e2e/editors.mjs as
;;   emacs --batch -Q -l test/e2e/emacs/init.el -l test/e2e/emacs/test.el
;; against the configuration in init.el. Reads the case from $CRDB_E2E_CASE (JSON written by
;; the driver: the runbook, the CLI's findings for it, what to hover and which fix to apply),
;; drives eglot (Flymake diagnostics, eglot's ElDoc hover function, eglot-code-actions) and
;; exits 0 when every check passed, 1 otherwise.
;;
;; Batch Emacs has no command loop: nothing runs `post-command-hook' (where `eglot-ensure'
;; connects and Flymake starts) and idle timers never fire (eglot sends didChange from one).
;; `crdb-e2e--tick' does what the command loop does between two keystrokes: it runs
;; post-command-hook, then the idle timers; every wait is a bounded loop of ticks and
;; accept-process-output until a condition holds.
(require 'cl-lib)
(require 'json)
(require 'flymake)

(defvar crdb-e2e-case
  (json-parse-string (with-temp-buffer (insert-file-contents (getenv "CRDB_E2E_CASE")) (buffer-string))
                     :object-type 'alist :array-type 'list))
(defvar crdb-e2e-timeout (/ (alist-get 'timeoutMs crdb-e2e-case) 1000.0))
(defvar crdb-e2e-results nil)

(defun crdb-e2e--log (fmt &rest args)
  (princ (concat "[emacs] " (apply #'format fmt args) "\n") #'external-debugging-output))

(defun crdb-e2e--check (name ok &optional detail)
  (push (list (cons 'name name) (cons 'ok (if ok t :false)) (cons 'detail (or detail ""))) crdb-e2e-results)
  (crdb-e2e--log "%s %s%s" (if ok "PASS" "FAIL") name
                 (if detail (concat ": " (replace-regexp-in-string "\n+" " / " detail)) ""))
  ok)

(defun crdb-e2e--tick ()
  "One turn of the command loop: post-command-hook, then the idle timers."
  (run-hooks 'post-command-hook)
  (dolist (timer (copy-sequence timer-idle-list))
    (when (memq timer timer-idle-list) ; (the handler takes it off the list, then runs it)
      (timer-event-handler timer)))
  (accept-process-output nil 0.05))

(defun crdb-e2e--wait (pred)
  "Tick until PRED returns non-nil or the timeout passes; return PRED's last value."
  (let ((end (+ (float-time) crdb-e2e-timeout)) (v nil))
    (while (and (not (setq v (funcall pred))) (< (float-time) end))
      (crdb-e2e--tick))
    v))

(defun crdb-e2e--lsp-diag (d)
  (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d))))

(defun crdb-e2e--ours ()
  (cl-remove-if-not (lambda (d) (equal (plist-get (crdb-e2e--lsp-diag d) :source) "crdb-restore-guard"))
                    (flymake-diagnostics)))

(defun crdb-e2e--keys (pairs)
  (mapconcat #'identity (sort (mapcar (lambda (p) (format "%d:%s" (car p) (cdr p))) pairs) #'string<) " "))

(defun crdb-e2e--shown ()
  "LINE:RULE of each diagnostic Flymake shows (line 1-based)."
  (crdb-e2e--keys
   (mapcar (lambda (d) (let ((lsp (crdb-e2e--lsp-diag d)))
                         (cons (1+ (plist-get (plist-get (plist-get lsp :range) :start) :line)) (plist-get lsp :code))))
           (crdb-e2e--ours))))

(defun crdb-e2e--goto (line column)
  (goto-char (point-min))
  (forward-line (1- line))
  (forward-char (1- column)))

(defun crdb-e2e--run ()
  (let* ((file (alist-get 'file crdb-e2e-case))
         (findings (alist-get 'findings crdb-e2e-case))
         (want (crdb-e2e--keys (mapcar (lambda (f) (cons (alist-get 'line f) (alist-get 'rule f))) findings)))
         (hover (alist-get 'hover crdb-e2e-case))
         (fix (alist-get 'fix crdb-e2e-case))
         (settings-rule (alist-get 'rule (alist-get 'settingsCheck crdb-e2e-case))))
    (find-file file)
    (crdb-e2e--check "a markdown or text major mode" (memq major-mode '(markdown-mode gfm-mode text-mode)) (symbol-name major-mode))
    ;; 1. eglot connects (eglot-ensure, on the next post-command-hook) and manages the buffer
    (crdb-e2e--check "eglot manages the buffer" (crdb-e2e--wait (lambda () (bound-and-true-p eglot--managed-mode)))
                     (format "server: %s" (and (eglot-current-server) (jsonrpc-name (eglot-current-server)))))
    ;; 2. pushed diagnostics, shown by Flymake == the CLI's findings (line + rule)
    (crdb-e2e--check "Flymake shows the CLI's findings" (crdb-e2e--wait (lambda () (equal (crdb-e2e--shown) want)))
                     (format "want [%s] got [%s]" want (crdb-e2e--shown)))
    ;; 3. the settings reached the server: severity override, and the configuration traffic
    (let ((sev (cl-loop for d in (crdb-e2e--ours)
                        for lsp = (crdb-e2e--lsp-diag d)
                        when (equal (plist-get lsp :code) settings-rule) return (plist-get lsp :severity))))
      (crdb-e2e--check (format "%s has the severity from eglot-workspace-configuration (2)" settings-rule)
                       (equal sev 2) (format "%S" sev)))
    (let ((events (with-current-buffer (jsonrpc-events-buffer (eglot-current-server)) (buffer-string))))
      (crdb-e2e--check "the server asked for workspace/configuration" (string-match-p "workspace/configuration" events))
      (crdb-e2e--check "eglot sent didChangeConfiguration" (string-match-p "workspace/didChangeConfiguration" events)
                       (let ((open (string-match "textDocument/didOpen" events))
                             (conf (string-match "workspace/didChangeConfiguration" events)))
                         (format "%s didOpen" (if (and open conf (< open conf)) "after" "before")))))
    ;; 4. hover, through eglot's ElDoc function: plain text (eglot asks for plaintext)
    (crdb-e2e--goto (alist-get 'line hover) (+ 2 (alist-get 'column hover)))
    (let ((doc nil))
      (eglot-hover-eldoc-function (lambda (info &rest _) (setq doc (or info "")) t))
      (crdb-e2e--wait (lambda () doc))
      (crdb-e2e--check (format "hover shows \"%s\"" (alist-get 'expect hover))
                       (and doc (string-match-p (regexp-quote (alist-get 'expect hover)) doc))
                       (and doc (substring doc 0 (min 200 (length doc)))))
      (crdb-e2e--check "the hover is plain text" (and doc (not (string-match-p "\\*\\*\\||---" doc)))))
    ;; 5. code action at the flagged RESTORE, picked the way `C-c a' would prompt for it
    (crdb-e2e--goto (alist-get 'line fix) (alist-get 'column fix))
    (let ((offered nil) (title (alist-get 'title fix)))
      (cl-letf (((symbol-function 'completing-read)
                 (lambda (_prompt collection &rest _)
                   (setq offered (mapcar #'car collection))
                   (car (member title offered)))))
        (let ((last-nonmenu-event ?\r)) ; a keyboard event: eglot prompts with completing-read
          (eglot-code-actions (point) nil nil t)))
      (crdb-e2e--check (format "code action \"%s\" applied" title)
                       (crdb-e2e--wait (lambda () (save-excursion (crdb-e2e--goto (alist-get 'line fix) 1)
                                                                  (search-forward (alist-get 'expectText fix) (line-end-position) t))))
                       (format "offered: %s" (mapconcat #'identity offered " | ")))
      (let ((gone (format "%d:%s" (alist-get 'line fix) (alist-get 'rule fix))))
        (crdb-e2e--check "its diagnostic went away"
                         (crdb-e2e--wait (lambda () (let ((now (crdb-e2e--shown)))
                                                      (and (not (string-empty-p now)) (not (string-match-p (regexp-quote gone) now))))))
                         (format "now [%s]" (crdb-e2e--shown)))))))

(condition-case err
    (crdb-e2e--run)
  (error (crdb-e2e--check "no Lisp error" nil (error-message-string err))))
(let* ((failed (cl-count-if (lambda (r) (eq (alist-get 'ok r) :false)) crdb-e2e-results))
       (passed (- (length crdb-e2e-results) failed)))
  (with-temp-file (getenv "CRDB_E2E_RESULT")
    (insert (json-serialize `((ok . ,(if (= failed 0) t :false))
                              (results . ,(vconcat (reverse crdb-e2e-results)))))))
  (crdb-e2e--log "%d passed, %d failed" passed failed)
  ;; eglot's JSON-RPC log, next to the result, for a failure's post-mortem.
  (ignore-errors
    (let ((events (jsonrpc-events-buffer (eglot-current-server))))
      (with-current-buffer events
        (write-region nil nil (expand-file-name "eglot-events.log" (file-name-directory (getenv "CRDB_E2E_RESULT")))))))
  (ignore-errors (let ((eglot-autoshutdown t)) (eglot-shutdown (eglot-current-server))))
  (kill-emacs (if (= failed 0) 0 1)))
;;; test.el ends here
