import preact from '@preact/preset-vite'
import { defineConfig } from 'vite'

// The interface is built into dist/, which the sokuo binary serves itself: paths are absolute
// from the server's root, scripts and styles are files (the Content-Security-Policy allows no
// inline script), and nothing is fetched from elsewhere at run time.
export default defineConfig({
  plugins: [preact()],
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'app',
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
})
