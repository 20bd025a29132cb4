-- Headless Neovim end-to-end check, run by test/e2e/editors.mjs as
--   nvim --headless -n -i NONE -u test/e2e/neovim/init.lua -c 'luafile test/e2e/neovim/test.lua'
-- against the configuration in init.lua. Reads the case from $CRDB_E2E_CASE (JSON written by
-- the driver: the runbook, the CLI's findings for it, what to hover and which fix to apply),
-- drives Neovim's own LSP client (vim.diagnostic, vim.lsp.buf.hover, vim.lsp.buf.code_action)
-- and exits 0 when every check passed, 1 otherwise. Every wait is vim.wait on a condition,
-- bounded; the driver also kills Neovim after its own timeout.
local case = vim.fn.json_decode(table.concat(vim.fn.readfile(vim.env.CRDB_E2E_CASE), '\n'))
local TIMEOUT = case.timeoutMs
local results = {}

local function log(msg)
  io.stdout:write('[neovim] ' .. msg .. '\n')
end

local function check(name, ok, detail)
  table.insert(results, { name = name, ok = ok and true or false, detail = detail })
  log((ok and 'PASS ' or 'FAIL ') .. name .. (detail and (': ' .. detail:gsub('\n', ' / ')) or ''))
  return ok
end

local function rule_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function ours(bufnr)
  return vim.tbl_filter(function(d) return d.source == 'crdb-restore-guard' end, vim.diagnostic.get(bufnr))
end

local function key_set(diags)
  local keys = {}
  for _, d in ipairs(diags) do table.insert(keys, string.format('%d:%s', d.lnum + 1, rule_of(d))) end
  table.sort(keys)
  return table.concat(keys, ' ')
end

local function float_text()
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= '' then
      local buf = vim.api.nvim_win_get_buf(win)
      return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n'), win
    end
  end
  return nil
end

-- Count the workspace/configuration requests Neovim answers (it must answer with our settings).
local config_answers = {}
local default_config_handler = vim.lsp.handlers['workspace/configuration']
vim.lsp.handlers['workspace/configuration'] = function(err, result, ctx, config)
  local response = default_config_handler(err, result, ctx, config)
  table.insert(config_answers, response)
  return response
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(case.file))
  local bufnr = vim.api.nvim_get_current_buf()
  check('filetype is ' .. case.filetype, vim.bo[bufnr].filetype == case.filetype, vim.bo[bufnr].filetype)

  -- 1. pushed diagnostics == the CLI's findings (line + rule)
  local want = key_set(vim.tbl_map(function(f) return { lnum = f.line - 1, code = f.rule } end, case.findings))
  local attached = vim.wait(TIMEOUT, function() return #vim.lsp.buf_get_clients(bufnr) > 0 end, 50)
  check('the server attached', attached)
  local same = vim.wait(TIMEOUT, function() return key_set(ours(bufnr)) == want end, 50)
  check('pushed diagnostics match the CLI', same, 'want [' .. want .. '] got [' .. key_set(ours(bufnr)) .. ']')

  -- 2. the settings reached the server through workspace/configuration
  check('workspace/configuration answered', #config_answers > 0 and type(config_answers[1]) == 'table'
    and type(config_answers[1][1]) == 'table' and config_answers[1][1].rules ~= nil,
    vim.fn.json_encode(config_answers[1] or {}))
  local sev = nil
  for _, d in ipairs(ours(bufnr)) do
    if rule_of(d) == case.settingsCheck.rule then sev = d.severity end
  end
  check(case.settingsCheck.rule .. ' has the severity from settings (warning)', sev == vim.diagnostic.severity.WARN, tostring(sev))

  -- 3. hover (K) on the flagged RESTORE: a floating window with the explanation
  vim.api.nvim_win_set_cursor(0, { case.hover.line, case.hover.column - 1 + 2 })
  vim.lsp.buf.hover()
  local shown = vim.wait(TIMEOUT, function()
    local text = float_text()
    return text ~= nil and text:find(case.hover.expect, 1, true) ~= nil
  end, 50)
  local text, win = float_text()
  check('hover shows "' .. case.hover.expect .. '"', shown, text and text:sub(1, 200) or 'no floating window')
  if win then vim.api.nvim_win_close(win, true) end

  -- 4. code action on that line, chosen through vim.ui.select as a user would
  local offered = {}
  vim.ui.select = function(items, opts, on_choice)
    local chosen = nil
    for _, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or item[2].title
      table.insert(offered, title)
      if title == case.fix.title then chosen = item end
    end
    on_choice(chosen)
  end
  vim.api.nvim_win_set_cursor(0, { case.fix.line, case.fix.column - 1 })
  vim.lsp.buf.code_action()
  local changed = vim.wait(TIMEOUT, function()
    local line = vim.api.nvim_buf_get_lines(bufnr, case.fix.line - 1, case.fix.line, false)[1] or ''
    return line:find(case.fix.expectText, 1, true) ~= nil
  end, 50)
  check('code action "' .. case.fix.title .. '" applied', changed, 'offered: ' .. table.concat(offered, ' | '))
  local gone = vim.wait(TIMEOUT, function()
    for _, d in ipairs(ours(bufnr)) do
      if d.lnum == case.fix.line - 1 and rule_of(d) == case.fix.rule then return false end
    end
    return #ours(bufnr) > 0
  end, 50)
  check('its diagnostic went away', gone, 'now [' .. key_set(ours(bufnr)) .. ']')

  -- 5. go to definition (vim.lsp.buf.definition) on a collection string in another file: jumps
  --    to the BACKUP in the runbook that writes the collection
  if case.definition then
    local def = case.definition
    vim.cmd('hide edit ' .. vim.fn.fnameescape(def.file)) -- the runbook keeps its unsaved fix
    local dbuf = vim.api.nvim_get_current_buf()
    vim.wait(TIMEOUT, function() return #vim.lsp.buf_get_clients(dbuf) > 0 end, 50)
    vim.api.nvim_win_set_cursor(0, { def.line, def.column - 1 })
    vim.lsp.buf.definition()
    local jumped = vim.wait(TIMEOUT, function()
      local name = vim.api.nvim_buf_get_name(0)
      return name:sub(-#def.expectFile) == def.expectFile and vim.api.nvim_win_get_cursor(0)[1] == def.expectLine
    end, 50)
    check('definition on the collection jumps to ' .. def.expectFile .. ':' .. def.expectLine, jumped,
      vim.api.nvim_buf_get_name(0) .. ':' .. vim.api.nvim_win_get_cursor(0)[1])
  end
end

local ok, err = pcall(run)
if not ok then check('no Lua error', false, tostring(err)) end
local failed = #vim.tbl_filter(function(r) return not r.ok end, results)
vim.fn.writefile({ vim.fn.json_encode({ ok = failed == 0, results = results }) }, vim.env.CRDB_E2E_RESULT)
log(string.format('%d passed, %d failed', #results - failed, failed))
for _, client in ipairs(vim.lsp.get_active_clients()) do client.stop() end
vim.wait(3000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
vim.cmd(failed == 0 and 'qall!' or 'cquit 1')
