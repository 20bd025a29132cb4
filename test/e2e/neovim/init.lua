-- CockroachDB Restore Guard in Neovim 0.7+, with Neovim's own LSP client and no plugins.
-- docs/editors.md shows this file; test/e2e/neovim/test.lua runs against it as is.
--
-- Set up the way nvim-lspconfig sets up a server: the client announces
-- `workspace.configuration`, so the server asks for the `crdbRestoreGuard` settings (Neovim
-- answers from `settings` below), and it also pushes them once with didChangeConfiguration.
-- Diagnostics are pushed by the server (Neovim has no pull diagnostics); completion items are
-- plain text (no snippets needed).

-- The server: the npm bin `crdb-restore-guard-server` (npm install -g crdb-restore-guard, or a
-- clone's dist/server.js). CRDB_RESTORE_GUARD_SERVER=/path/to/server.js overrides it.
local server_js = vim.env.CRDB_RESTORE_GUARD_SERVER
local cmd = (server_js and server_js ~= '') and { 'node', server_js, '--stdio' } or { 'crdb-restore-guard-server', '--stdio' }

-- Same keys as the VS Code settings (crdbRestoreGuard.*); .crdb-restore-guard.json in the
-- project still applies underneath.
local settings = {
  crdbRestoreGuard = {
    rules = { ['missing-version'] = 'warning' },
  },
}

local capabilities = vim.lsp.protocol.make_client_capabilities()
capabilities.workspace.configuration = true

-- The project root: the folder with .crdb-restore-guard.json, else the one with .git, else
-- the file's folder. One server per root.
local function root_of(bufnr)
  local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h')
  local config = vim.fn.findfile('.crdb-restore-guard.json', dir .. ';')
  if config ~= '' then return vim.fn.fnamemodify(config, ':p:h') end
  local git = vim.fn.finddir('.git', dir .. ';')
  if git ~= '' then return vim.fn.fnamemodify(git, ':p:h:h') end
  return dir
end

-- Keys as in nvim-lspconfig's README: K hover, <space>ca code action, [d / ]d diagnostics.
local function on_attach(_, bufnr)
  local opts = { buffer = bufnr }
  vim.keymap.set('n', 'K', vim.lsp.buf.hover, opts)
  vim.keymap.set('n', '<space>ca', vim.lsp.buf.code_action, opts)
  vim.keymap.set('n', '[d', vim.diagnostic.goto_prev, opts)
  vim.keymap.set('n', ']d', vim.diagnostic.goto_next, opts)
end

local clients = {} -- root dir -> client id

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'sql', 'markdown' },
  group = vim.api.nvim_create_augroup('crdb_restore_guard', { clear = true }),
  callback = function(args)
    local root = root_of(args.buf)
    local id = clients[root]
    if not id or not vim.lsp.get_client_by_id(id) then
      id = vim.lsp.start_client({
        name = 'crdb-restore-guard',
        cmd = cmd,
        root_dir = root,
        workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
        capabilities = capabilities,
        settings = settings,
        on_attach = on_attach,
        on_init = function(client)
          client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
        end,
      })
      clients[root] = id
    end
    if id then vim.lsp.buf_attach_client(args.buf, id) end
  end,
})
