"""Tests for the Video Pipeline integration."""
