// @tarojs/test-utils-react 0.1.1 takes `act` from react-dom/test-utils, which React 18.3 deprecates with a warning
// on every render. React itself exports the same act: hand that one over.
module.exports = { act: require('react').act }
