/** Two jest projects: backend and contracts in node, pages and components in jsdom. */
module.exports = {
  projects: ['<rootDir>/test/jest.node.config.js', '<rootDir>/test/jest.ui.config.js'],
}
