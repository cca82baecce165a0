/**
 * Demo mode ({@code EVIDENT_DEMO=true} or {@code --demo}): seeds a fictional company so a newcomer
 * can look around. Each later capability adds its own demo data here, through module APIs only.
 */
package dev.evident.demo;
